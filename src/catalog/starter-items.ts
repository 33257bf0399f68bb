/**
 * A first-start catalog, so a newcomer in training mode can ring up a sale
 * at once (and scan a product: the crisps carry a real-shaped EAN-13).
 */
import type { Item, QuickKeyLayout } from './schemas.js';

const item = (id: string, name: string, price: number, category: string, extra: Partial<Item> = {}): Item => ({
  id, name, price, tax: 'taxable', category, barcodes: [], stock: null, active: true, ...extra,
});

export const STARTER_ITEMS: readonly Item[] = [
  item('americano', '아메리카노', 4500, '커피', { nameEn: 'Americano', nameZh: '美式咖啡' }),
  item('latte', '카페라떼', 5000, '커피', { nameEn: 'Caffè latte', nameZh: '拿铁' }),
  item('croissant', '크루아상', 3500, '베이커리', { nameEn: 'Croissant' }),
  item('cake', '딸기 케이크', 6500, '베이커리', { nameEn: 'Strawberry cake' }),
  item('water', '생수 500ml', 1000, '음료', { barcodes: ['8801043012348'], nameEn: 'Water 500ml' }),
  item('banana', '유기농 바나나', 3000, '과일', { tax: 'tax-free', nameEn: 'Organic bananas' }),
  item('tumbler', '텀블러', 15000, '상품', { nameEn: 'Tumbler' }),
];

export const STARTER_QUICK_KEYS: QuickKeyLayout = {
  tabs: [
    { name: '자주 찾는 상품', itemIds: ['americano', 'latte', 'croissant', 'cake', 'water', 'banana'] },
    { name: '커피', itemIds: ['americano', 'latte'] },
    { name: '베이커리', itemIds: ['croissant', 'cake'] },
    { name: '기타', itemIds: ['water', 'banana'] },
  ],
};
