/* SPDX-License-Identifier: GPL-2.0 */
DefinitionBlock ("", "DSDT", 2, "NCPOL", "CASE", 1)
{
    Scope (\_SB)
    {
        Device (PCI0)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Name (_CID, EisaId ("PNP0A03"))
            Name (_DSD, Package () { ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"), Package () { Package () { "normal-nc-mmio", "" } } })
        }
    }
}
