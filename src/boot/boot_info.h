/* SPDX-License-Identifier: MIT */
/* What the kernel learns from its boot loader, whichever protocol started it. */
#ifndef CYAN_BOOT_INFO_H
#define CYAN_BOOT_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BOOT_MMAP_MAX    64  /* regions kept; firmware maps seen in practice have a few dozen */
#define BOOT_CMDLINE_MAX 256 /* bytes of command line kept, NUL included */
#define BOOT_NAME_MAX    64  /* bytes of loader name kept, NUL included */

enum boot_protocol {
    BOOT_MULTIBOOT2,
    BOOT_PVH,
};

/* Memory region types use the E820 / Multiboot2 numbering. */
enum boot_mem_type {
    BOOT_MEM_USABLE = 1,
    BOOT_MEM_RESERVED = 2,
    BOOT_MEM_ACPI_RECLAIMABLE = 3,
    BOOT_MEM_ACPI_NVS = 4,
    BOOT_MEM_BAD = 5,
};

enum boot_fb_type {
    BOOT_FB_NONE, /* no framebuffer information (or one cyan cannot draw on) */
    BOOT_FB_TEXT, /* VGA/EGA text mode: width and height count characters */
    BOOT_FB_RGB,  /* linear direct-colour framebuffer */
};

/* The screen the loader left us, as Multiboot2 describes it. */
struct boot_framebuffer {
    enum boot_fb_type type;
    uint64_t phys;   /* physical address of the first pixel (or character cell) */
    uint32_t pitch;  /* bytes from one line to the next */
    uint32_t width;  /* pixels, or characters in text mode */
    uint32_t height; /* pixels, or characters in text mode */
    uint8_t bpp;     /* bits per pixel: 16, 24 or 32 for BOOT_FB_RGB */
    uint8_t red_position, red_size, green_position, green_size, blue_position, blue_size;
};

/* The ACPI root pointer (ACPI 6.5, 5.2.5), checked: signature, checksum, extended checksum. */
struct boot_acpi {
    bool present;
    uint8_t revision; /* 0: ACPI 1.0 (RSDT only); 2 and later: XSDT too */
    char oem_id[7];   /* NUL-terminated */
    uint64_t rsdt_phys;
    uint64_t xsdt_phys; /* 0 before ACPI 2.0 */
};

struct boot_mem_region {
    uint64_t base;
    uint64_t length;
    uint32_t type;
};

/* Self-contained: strings are copied, so the loader's memory may be reused after parsing. */
struct boot_info {
    enum boot_protocol protocol;
    char loader_name[BOOT_NAME_MAX]; /* "" when the loader did not say */
    char cmdline[BOOT_CMDLINE_MAX];  /* "" when there is none; cut to fit */
    struct boot_acpi acpi;
    struct boot_framebuffer fb;
    size_t mmap_count;
    bool mmap_truncated; /* the loader reported more than BOOT_MMAP_MAX regions */
    struct boot_mem_region mmap[BOOT_MMAP_MAX];
};

/*
 * Fill *info from the loader's data (boot_info_parse.c); magic and phys are what the boot code
 * received in EAX and EBX. Returns NULL on success, or what was wrong with the boot information.
 */
const char *boot_info_parse(uint32_t magic, uint64_t phys, struct boot_info *info);

/* The rest works on the structure alone (boot_info.c), and builds on the host for tests. */

/* Copy the NUL-terminated src into a boot_info string field of size bytes, cutting it to fit. */
void boot_info_copy_string(char *dst, size_t size, const char *src);
/* Record the ACPI RSDP from its len bytes at rsdp if it is a valid one; false if not. */
bool boot_info_set_rsdp(struct boot_info *info, const void *rsdp, size_t len);
/* Bytes of usable RAM in the memory map. */
uint64_t boot_info_usable_bytes(const struct boot_info *info);
/* Value of "key=value" on the command line, copied into buf; false if the key is absent. */
bool boot_info_cmdline_get(const struct boot_info *info, const char *key, char *buf, size_t size);
/* Printable protocol name. */
const char *boot_protocol_name(enum boot_protocol protocol);

#endif
