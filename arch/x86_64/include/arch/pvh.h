/* SPDX-License-Identifier: MIT */
/* PVH boot protocol (Xen's "HVM direct boot", used by QEMU -kernel): ELF note and start info. */
#ifndef ARCH_PVH_H
#define ARCH_PVH_H

/* ELF note that names the 32-bit physical entry point (Xen public/elfnote.h). */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

/* Value of hvm_start_info.magic; the loader passes the structure's physical address in EBX. */
#define PVH_START_MAGIC 0x336ec578

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Xen public/arch-x86/hvm/start_info.h, version 1 (memory map fields added in version 1). */
/* One module of the start info's list (Xen's arch-x86/hvm/start_info.h, version 0 and on). */
struct hvm_modlist_entry {
    uint64_t paddr;
    uint64_t size;
    uint64_t cmdline_paddr; /* NUL-terminated, or 0 */
    uint64_t reserved;
};

struct hvm_start_info {
    uint32_t magic;
    uint32_t version;
    uint32_t flags;
    uint32_t nr_modules;
    uint64_t modlist_paddr;
    uint64_t cmdline_paddr; /* NUL-terminated command line, or 0 */
    uint64_t rsdp_paddr;    /* ACPI RSDP, or 0 */
    uint64_t memmap_paddr;  /* array of struct hvm_memmap_entry */
    uint32_t memmap_entries;
    uint32_t reserved;
};

/* One E820-style region. */
struct hvm_memmap_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type; /* E820 type: 1 = usable RAM */
    uint32_t reserved;
};
#endif

#endif
