/* SPDX-License-Identifier: GPL-2.0 */
DefinitionBlock ("", "DSDT", 2, "NCPOL", "CASE", 1)
{
    Scope (\_SB)
    {
        Device (PCI0)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Name (_CID, EisaId ("PNP0A03"))
            Method (_STA, 0, NotSerialized) { Return (Zero) }
        }
        Device (PCI1)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Name (_CID, EisaId ("PNP0A03"))
            Name (_STA, 0x08)
        }
    }
}
