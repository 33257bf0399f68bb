/** The fleet's store ids: ST0001, ST0002, … */
export function fleetStoreIds(stores: number): string[] {
  return Array.from({ length: stores }, (_, i) => `ST${String(i + 1).padStart(4, '0')}`);
}

/** Every till of the fleet as `STORE/TILL`, dealt round-robin into `processes` groups. */
export function fleetTillGroups(stores: number, tillsPerStore: number, processes: number): string[][] {
  const groups: string[][] = Array.from({ length: processes }, () => []);
  let n = 0;
  for (const storeId of fleetStoreIds(stores)) {
    for (let t = 1; t <= tillsPerStore; t++) groups[n++ % processes]!.push(`${storeId}/${storeId}-T${String(t).padStart(2, '0')}`);
  }
  return groups.filter((g) => g.length > 0);
}
