/* SPDX-License-Identifier: GPL-2.0 */
DefinitionBlock ("", "DSDT", 2, "NCPOL", "CASE", 1)
{
    Scope (\_SB)
    {
        Device (PCI0)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Name (_CID, EisaId ("PNP0A03"))
            Name (_SEG, One)
            Method (_BBN, 0, NotSerialized) { Return (0x20) }
            Name (_CRS, ResourceTemplate ()
            {
                WordBusNumber (ResourceProducer, MinFixed, MaxFixed, PosDecode, 0, 0x20, 0x3F, 0, 0x20)
                DWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed, NonCacheable, ReadWrite, 0, 0x10000000, 0x3EFEFFFF, 0, 0x2EFF0000)
                QWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed, Cacheable, ReadWrite, 0, 0x8000000000, 0xFFFFFFFFFF, 0, 0x8000000000)
                QWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed, Cacheable, ReadWrite, 0, 0x1000, 0x1FFF, 0x100000000, 0x1000)
                Memory32Fixed (ReadWrite, 0x50000000, 0x1000)
                QWordIO (ResourceProducer, MinFixed, MaxFixed, PosDecode, EntireRange, 0, 0, 0xFFFF, 0x3EFF0000, 0x10000)
            })
            Name (_DSD, Package () { ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"), Package () { Package () { "normal-nc-mmio", "unsafe" } } })
        }
        Device (PC80)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Name (_CID, EisaId ("PNP0A03"))
            Name (_BBN, 0x80)
        }
    }
}
