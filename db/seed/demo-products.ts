import type { Tx } from '#db/client.ts'
import { createProduct } from './product-factory.ts'

// Acme's catalogue: prices in cents (USD), tax rates in basis points.
const acmeProducts = [
  {
    sku: 'AC-FR-300',
    name: 'Frostline 300 L refrigerator',
    description: 'Frost-free fridge-freezer, stainless steel, energy class B.',
    unitPrice: 74900,
    taxRateBp: 2000,
  },
  {
    sku: 'AC-WM-8',
    name: 'Spinwell 8 kg washing machine',
    description: 'Front loader, 1400 rpm, 15 programmes.',
    unitPrice: 52900,
    taxRateBp: 2000,
  },
  {
    sku: 'AC-DW-12',
    name: 'Cleanware 12-place dishwasher',
    description: 'Built-in, quiet mode at 42 dB.',
    unitPrice: 46950,
    taxRateBp: 2000,
  },
  {
    sku: 'AC-MW-25',
    name: 'Quickheat 25 L microwave',
    description: 'Grill and defrost, 900 W.',
    unitPrice: 12999,
    taxRateBp: 2000,
  },
  {
    sku: 'AC-KT-17',
    name: 'Boilright 1.7 L kettle',
    unitPrice: 3450,
    taxRateBp: 2000,
  },
  {
    sku: 'AC-FLT-W',
    name: 'Water filter cartridge (pack of 3)',
    description: 'For Frostline refrigerators with a water dispenser.',
    unit: 'pack',
    unitPrice: 2999,
    taxRateBp: 2000,
  },
  {
    sku: 'AC-INST',
    name: 'Installation service',
    description: 'Delivery, installation and removal of the old appliance.',
    unit: 'visit',
    unitPrice: 8900,
    taxRateBp: 500,
  },
  {
    sku: 'AC-WAR-3Y',
    name: 'Extended warranty, 3 years',
    unit: 'year',
    unitPrice: 4900,
    taxRateBp: 0,
  },
  {
    sku: 'AC-FR-250',
    name: 'Frostline 250 L refrigerator (discontinued)',
    unitPrice: 59900,
    taxRateBp: 2000,
    active: false,
  },
]

export async function seedDemoProducts(tx: Tx, acmeOrgId: string) {
  for (const product of acmeProducts) {
    await createProduct(tx, { orgId: acmeOrgId, currency: 'USD', ...product })
  }
}
