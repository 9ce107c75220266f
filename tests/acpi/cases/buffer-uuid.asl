/* SPDX-License-Identifier: GPL-2.0 */
DefinitionBlock ("", "DSDT", 2, "NCPOL", "CASE", 1)
{
    Scope (\_SB)
    {
        Device (PCI0)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Name (_CID, EisaId ("PNP0A03"))
            Name (BUF0, Buffer () { 0x73, 0x61, 0x66, 0x65, 0x00 })
            Name (_DSD, Package () { ToUUID ("edb12dd0-363d-4085-a3d2-49522ca160c4"), Package () { Package () { "normal-nc-mmio", BUF0 } } })
        }
    }
}
