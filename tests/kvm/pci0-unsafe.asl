/*
 * SPDX-License-Identifier: GPL-2.0
 *
 * The SSDT of tests/kvm/run's ACPI boot: the host bridge \_SB.PCI0 of QEMU
 * virt says its root complex must not see Normal-NC accesses.
 */
DefinitionBlock ("", "SSDT", 2, "NCPOL", "NCKVM", 1)
{
    External (\_SB.PCI0, DeviceObj)
    Scope (\_SB.PCI0)
    {
        Name (_DSD, Package () {
            ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"),
            Package () { Package () { "normal-nc-mmio", "unsafe" } }
        })
    }
}
