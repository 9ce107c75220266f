/* SPDX-License-Identifier: GPL-2.0 */
DefinitionBlock ("", "DSDT", 2, "NCPOL", "CASE", 1)
{
    Scope (\_SB)
    {
        Device (UAR0)
        {
            Name (_HID, "ARMH0011")
            Method (_DSD, 0, NotSerialized)
            {
                Local1 = Zero
                Local0 = (One / Local1)
                Return (Package () {})
            }
        }
        Device (PCI0)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Name (_CID, EisaId ("PNP0A03"))
        }
    }
}
