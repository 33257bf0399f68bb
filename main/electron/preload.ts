// The preload of every window, bundled by electron-vite into ONE CommonJS file
// (sandboxed preloads cannot load modules or ESM). It exposes the contract and
// nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './preload-api.js';

contextBridge.exposeInMainWorld('pos', buildPreloadApi(ipcRenderer));
