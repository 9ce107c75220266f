/* SPDX-License-Identifier: GPL-2.0 */
/* Marks one host bridge of the lenovo-thinkpad-x13s tables (tests/acpi/real) unsafe: \_SB.PCI2. */
DefinitionBlock ("", "SSDT", 2, "NCPOL", "NCMMIO", 1)
{
    External (\_SB.PCI2, DeviceObj)

    Scope (\_SB.PCI2)
    {
        Name (_DSD, Package () {
            ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"),
            Package () { Package () { "normal-nc-mmio", "unsafe" } }
        })
    }
}
