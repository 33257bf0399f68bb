// Asset imports resolved by Vite to the URL of the emitted file.
declare module '*.wav' {
  const url: string;
  export default url;
}
declare module '*.css';
