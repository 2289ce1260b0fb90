/* SPDX-License-Identifier: MIT */
/* What the kernel learns from its boot loader, whichever protocol started it. */
#ifndef CYAN_BOOT_INFO_H
#define CYAN_BOOT_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* regions kept: real maps have a few dozen, fragmented ones thousands */
#define BOOT_MMAP_MAX           4096
#define BOOT_CMDLINE_MAX        8192 /* bytes of command line kept, NUL included (QEMU's PVH: 4 KiB) */
#define BOOT_NAME_MAX           64  /* bytes of loader name kept, NUL included */
#define BOOT_MODULES_MAX        16  /* modules kept (an initrd, a few programs) */
#define BOOT_MODULE_CMDLINE_MAX 128 /* bytes of a module's command line kept, NUL included */

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
    BOOT_FB_NONE,    /* the loader reported no screen */
    BOOT_FB_TEXT,    /* VGA/EGA text mode: width and height count characters */
    BOOT_FB_RGB,     /* linear direct-colour framebuffer */
    BOOT_FB_INDEXED, /* linear palette-indexed framebuffer */
    BOOT_FB_UNKNOWN, /* a framebuffer type Multiboot2 does not define, or its fields are missing */
};

/*
 * The screen as the loader reported it, unjudged: whether the console can and may draw on it is
 * decided later (boot_fb_refusal), so the kernel can say what it was given and what it did.
 */
struct boot_framebuffer {
    enum boot_fb_type type;
    uint64_t phys;   /* physical address of the first pixel (or character cell) */
    uint32_t pitch;  /* bytes from one line to the next */
    uint32_t width;  /* pixels, or characters in text mode */
    uint32_t height; /* pixels, or characters in text mode */
    uint8_t bpp;     /* bits per pixel */
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

/* A file the loader put in memory beside the kernel (GRUB's module2, QEMU's -initrd for PVH). */
struct boot_module {
    uint64_t phys;                         /* first byte */
    uint64_t size;                         /* bytes */
    char cmdline[BOOT_MODULE_CMDLINE_MAX]; /* "" when there is none; cut to fit */
};

/* Self-contained: strings are copied, so the loader's memory may be reused after parsing. */
struct boot_info {
    enum boot_protocol protocol;
    char loader_name[BOOT_NAME_MAX]; /* "" when the loader did not say */
    char cmdline[BOOT_CMDLINE_MAX];  /* "" when there is none; cut to fit */
    size_t cmdline_length;           /* bytes the loader gave: more than strlen(cmdline) if cut */
    struct boot_acpi acpi;
    struct boot_framebuffer fb;
    size_t mmap_count;
    bool mmap_truncated; /* the loader reported more than BOOT_MMAP_MAX regions */
    struct boot_mem_region mmap[BOOT_MMAP_MAX];
    size_t module_count;
    bool modules_truncated; /* the loader handed over more than BOOT_MODULES_MAX */
    struct boot_module modules[BOOT_MODULES_MAX];
};

/* Add a module to info (both protocols' parsers use it): false, and nothing added, if there is
 * no room (modules_truncated says so) or it ends past 2^64. */
bool boot_info_add_module(struct boot_info *info, uint64_t phys, uint64_t size, const char *cmdline,
                          size_t cmdline_len);

/*
 * Fill *info from the loader's data (boot_info_parse.c); magic and phys are what the boot code
 * received in EAX and EBX. Returns NULL on success, or what was wrong with the boot information.
 */
const char *boot_info_parse(uint32_t magic, uint64_t phys, struct boot_info *info);

/* The rest works on the structure alone (boot_info.c), and builds on the host for tests. */

/*
 * Copy the string src of len bytes (its NUL not counted) into a boot_info string field of size
 * bytes, cutting it to fit. Returns len, so the caller can tell that it was cut.
 */
size_t boot_info_copy_string(char *dst, size_t size, const char *src, size_t len);
/* Record the ACPI RSDP from its len bytes at rsdp if it is a valid one; false if not. */
bool boot_info_set_rsdp(struct boot_info *info, const void *rsdp, size_t len);
/* Bytes of usable RAM in the memory map. */
uint64_t boot_info_usable_bytes(const struct boot_info *info);
/* Value of "key=value" on the command line, copied into buf; false if the key is absent. */
bool boot_info_cmdline_get(const struct boot_info *info, const char *key, char *buf, size_t size);
/* Printable protocol name. */
const char *boot_protocol_name(enum boot_protocol protocol);
/*
 * Pass the len bytes at s to put, one character at a time, in a form that cannot drive a
 * terminal: printable ASCII as it is, backslash and double quote escaped, every other byte
 * (control characters, DEL, anything outside ASCII such as UTF-8) as \xNN.
 */
void boot_info_escape(const char *s, size_t len, void (*put)(void *ctx, char c), void *ctx);

/* Physical memory the kernel image occupies, [start, end). */
struct boot_phys_span {
    uint64_t start, end;
};
/*
 * Why the console must not draw on the framebuffer the loader reported (boot_fb.c), or NULL if
 * it may: the format is one cyan draws (direct colour at 15, 16, 24 or 32 bits per pixel), the
 * numbers add up, and the pixels lie in device memory below direct_map_end, clear of address 0,
 * of the RAM in the memory map and of the kernel image.
 */
const char *boot_fb_refusal(const struct boot_info *info, struct boot_phys_span image,
                            uint64_t direct_map_end);
/* Bytes per pixel of a direct-colour framebuffer: 15 bits take 2 bytes. */
unsigned boot_fb_bytes_per_pixel(const struct boot_framebuffer *fb);

#endif
