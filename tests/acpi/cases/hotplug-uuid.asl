/* SPDX-License-Identifier: GPL-2.0 */
DefinitionBlock ("", "DSDT", 2, "NCPOL", "CASE", 1)
{
    Scope (\_SB)
    {
        Device (PCI0)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Name (_CID, EisaId ("PNP0A03"))
            Name (_DSD, Package () { ToUUID ("6211e2c0-58a3-4af3-90e1-927a4e0c55a4"), Package () { Package () { "normal-nc-mmio", "unsafe" } } })
        }
    }
}
