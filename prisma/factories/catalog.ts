/** The demo shop's products: a specialty coffee and tea retailer, so customers come back to buy again. */
export type Product = { sku: string; name: string; priceMinor: number; isEquipment?: boolean };

export const CATALOG: readonly Product[] = [
  { sku: "COF-ETH-250", name: "Ethiopia Yirgacheffe beans 250 g", priceMinor: 1290 },
  { sku: "COF-COL-250", name: "Colombia Huila beans 250 g", priceMinor: 1150 },
  { sku: "COF-BRA-1000", name: "Brazil Santos espresso 1 kg", priceMinor: 2890 },
  { sku: "COF-KEN-250", name: "Kenya AA beans 250 g", priceMinor: 1490 },
  { sku: "COF-DECAF-500", name: "Swiss-water decaf 500 g", priceMinor: 1790 },
  { sku: "COF-HOUSE-1000", name: "House blend 1 kg", priceMinor: 2490 },
  { sku: "TEA-SEN-100", name: "Japanese sencha 100 g", priceMinor: 1350 },
  { sku: "TEA-ASS-250", name: "Assam breakfast tea 250 g", priceMinor: 990 },
  { sku: "TEA-EARL-100", name: "Earl Grey 100 g", priceMinor: 890 },
  { sku: "TEA-MAT-50", name: "Ceremonial matcha 50 g", priceMinor: 2450 },
  { sku: "ACC-FILT-100", name: "Paper filters (100)", priceMinor: 590 },
  { sku: "ACC-MUG", name: "Stoneware mug", priceMinor: 1900 },
  { sku: "EQ-V60", name: "Pour-over dripper", priceMinor: 2990, isEquipment: true },
  { sku: "EQ-GRIND-HAND", name: "Hand grinder", priceMinor: 8900, isEquipment: true },
  { sku: "EQ-KETTLE", name: "Gooseneck kettle", priceMinor: 6900, isEquipment: true },
  { sku: "EQ-GRIND-ELEC", name: "Electric burr grinder", priceMinor: 24900, isEquipment: true },
  { sku: "EQ-ESPRESSO", name: "Dual-boiler espresso machine", priceMinor: 149000, isEquipment: true },
];
