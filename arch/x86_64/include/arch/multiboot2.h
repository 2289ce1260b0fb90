/* SPDX-License-Identifier: MIT */
/* Multiboot2 constants and boot information layout (Multiboot2 specification 1.0, 3.1 and 3.6). */
#ifndef ARCH_MULTIBOOT2_H
#define ARCH_MULTIBOOT2_H

/* Header the kernel carries in its first 32 KiB. */
#define MB2_HEADER_MAGIC           0xe85250d6 /* identifies the header */
#define MB2_ARCH_I386              0          /* enter in 32-bit protected mode */
#define MB2_HEADER_TAG_END         0          /* terminates the header's tag list */
#define MB2_HEADER_TAG_FRAMEBUFFER 5          /* preferred framebuffer mode */
#define MB2_HEADER_TAG_OPTIONAL    1          /* tag flag: the loader may ignore this request */
#define MB2_HEADER_ALIGN           8          /* header and every tag are 8-byte aligned */

/* Value the loader leaves in EAX when it jumps to the kernel. */
#define MB2_BOOTLOADER_MAGIC 0x36d76289

/* Boot information: a header, then tags, each starting on an 8-byte boundary. */
#define MB2_TAG_ALIGN       8
#define MB2_TAG_END         0  /* last tag, size 8 */
#define MB2_TAG_CMDLINE     1  /* NUL-terminated kernel command line */
#define MB2_TAG_LOADER_NAME 2  /* NUL-terminated boot loader name */
#define MB2_TAG_MODULE      3  /* a module: u32 start, u32 end (exclusive), its command line */
#define MB2_TAG_MMAP        6  /* memory map */
#define MB2_TAG_FRAMEBUFFER 8  /* framebuffer the loader set up */
#define MB2_TAG_ACPI_OLD    14 /* copy of the ACPI 1.0 RSDP */
#define MB2_TAG_ACPI_NEW    15 /* copy of the ACPI 2.0+ RSDP */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct mb2_info_header {
    uint32_t total_size; /* bytes, including this header and the end tag */
    uint32_t reserved;
};

struct mb2_tag {
    uint32_t type;
    uint32_t size; /* bytes, including this header, excluding padding to the next tag */
};

struct mb2_tag_mmap {
    struct mb2_tag tag;
    uint32_t entry_size; /* bytes per entry: a multiple of 8, at least sizeof(mb2_mmap_entry) */
    uint32_t entry_version;
};

/* Framebuffer types */
#define MB2_FB_TYPE_INDEXED 0 /* palette-indexed colours */
#define MB2_FB_TYPE_RGB     1 /* direct colour: field positions and sizes follow the common part */
#define MB2_FB_TYPE_EGA     2 /* EGA/VGA text mode: width and height count characters */

struct mb2_tag_framebuffer {
    struct mb2_tag tag;
    uint64_t addr;  /* physical address */
    uint32_t pitch; /* bytes per line */
    uint32_t width;
    uint32_t height;
    uint8_t bpp;
    uint8_t type;
    uint16_t reserved;
    /* for MB2_FB_TYPE_RGB: bit position and size of each colour field */
    uint8_t red_position, red_size, green_position, green_size, blue_position, blue_size;
};

struct mb2_mmap_entry {
    uint64_t base_addr;
    uint64_t length;
    uint32_t type; /* 1 usable, 3 ACPI reclaimable, 4 ACPI NVS, 5 bad RAM, other reserved */
    uint32_t reserved;
};
#endif

#endif
