/* SPDX-License-Identifier: MIT */
/*
 * Host unit tests of what the kernel does with the boot information: which framebuffers the
 * console may draw on (src/boot_fb.c), and how loader strings are made safe to print
 * (boot_info_escape in src/boot_info.c).
 */
#include "boot_info.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#define MIB              (UINT64_C(1) << 20)
#define DIRECT_MAP_END   (UINT64_C(4) << 30)
#define FB_PHYS          UINT64_C(0xfd000000) /* QEMU's std VGA BAR under SeaBIOS */
#define KERNEL_START     (1 * MIB)
#define KERNEL_END       (2 * MIB)
#define VIRTIO_GPU_WIDTH 1280

static const struct boot_phys_span kernel_image = {KERNEL_START, KERNEL_END};

/* 128 MiB of RAM from 0 (with the legacy hole), and a direct-colour framebuffer in device memory.
 */
static void machine(struct boot_info *info, uint32_t width, uint32_t height, uint8_t bpp)
{
    memset(info, 0, sizeof(*info));
    info->mmap[0] = (struct boot_mem_region){0, 0x9fc00, BOOT_MEM_USABLE};
    info->mmap[1] = (struct boot_mem_region){1 * MIB, 127 * MIB, BOOT_MEM_USABLE};
    info->mmap[2] = (struct boot_mem_region){0xfffc0000, 0x40000, BOOT_MEM_RESERVED};
    info->mmap_count = 3;
    unsigned bytes = (bpp + 7u) / 8u;
    info->fb = (struct boot_framebuffer){.type = BOOT_FB_RGB,
                                         .phys = FB_PHYS,
                                         .pitch = width * bytes,
                                         .width = width,
                                         .height = height,
                                         .bpp = bpp};
    uint8_t size = bpp == 16 ? 5 : bpp == 15 ? 5 : 8;
    info->fb.red_position = (uint8_t)(bpp == 16 ? 11 : 2 * size);
    info->fb.red_size = size;
    info->fb.green_position = size;
    info->fb.green_size = bpp == 16 ? 6 : size;
    info->fb.blue_position = 0;
    info->fb.blue_size = size;
}

static const char *refusal(const struct boot_info *info)
{
    return boot_fb_refusal(info, kernel_image, DIRECT_MAP_END);
}

static void every_direct_colour_depth_is_drawn(void **state)
{
    (void)state;
    static struct boot_info info;
    static const uint8_t depths[] = {15, 16, 24, 32};

    for (size_t i = 0; i < sizeof(depths); i++) {
        machine(&info, 800, 600, depths[i]);
        assert_null(refusal(&info));
        assert_int_equal(boot_fb_bytes_per_pixel(&info.fb), depths[i] == 15 ? 2 : depths[i] / 8);
    }
    machine(&info, 800, 600, 32);
    info.fb.pitch += 64; /* padding at the end of each line is fine */
    assert_null(refusal(&info));
}

/* GRUB under OVMF with virtio-gpu-pci: a GOP without a linear framebuffer, reported at 0. */
static void framebuffer_at_address_0_is_refused(void **state)
{
    (void)state;
    static struct boot_info info;

    machine(&info, VIRTIO_GPU_WIDTH, 800, 32);
    info.fb.phys = 0;
    assert_string_equal(refusal(&info), "it starts at address 0, where no framebuffer is");
}

static void framebuffer_over_ram_or_kernel_is_refused(void **state)
{
    (void)state;
    static struct boot_info info;

    machine(&info, 800, 600, 32);
    info.fb.phys = 64 * MIB;
    assert_string_equal(refusal(&info), "it overlaps RAM the memory map lists");
    info.fb.phys = 1 * MIB - 4096; /* ends inside the kernel, which no RAM region lists here */
    info.mmap_count = 0;
    assert_string_equal(refusal(&info), "it overlaps the kernel image");
    machine(&info, 800, 600, 32);
    info.mmap[1].type = BOOT_MEM_ACPI_NVS;
    info.mmap[1].base = FB_PHYS + 800 * 4 * 599; /* only the last line overlaps */
    assert_string_equal(refusal(&info), "it overlaps RAM the memory map lists");
    info.mmap[1].type = BOOT_MEM_RESERVED; /* device memory is reserved: fine */
    assert_null(refusal(&info));
    info.mmap[1].length = UINT64_MAX; /* a region whose end overflows still counts */
    info.mmap[1].type = BOOT_MEM_USABLE;
    assert_string_equal(refusal(&info), "it overlaps RAM the memory map lists");
}

static void framebuffer_beyond_the_direct_map_is_refused(void **state)
{
    (void)state;
    static struct boot_info info;

    machine(&info, 800, 600, 32);
    info.fb.phys = DIRECT_MAP_END - 4096;
    assert_string_equal(refusal(&info), "it lies beyond what the direct map can reach");
    info.fb.phys = UINT64_C(0x800000000); /* 32 GiB: a 64-bit BAR */
    assert_string_equal(refusal(&info), "it lies beyond what the direct map can reach");
    /* the kernel's direct map reaches 64 TiB: such a framebuffer is drawn once it is mapped */
    assert_null(boot_fb_refusal(&info, kernel_image, UINT64_C(1) << 46));
}

static void formats_cyan_cannot_draw_are_refused(void **state)
{
    (void)state;
    static struct boot_info info;

    machine(&info, 800, 600, 32);
    info.fb.type = BOOT_FB_INDEXED;
    assert_string_equal(refusal(&info), "palette-indexed colour is not supported");
    info.fb.type = BOOT_FB_UNKNOWN;
    assert_string_equal(refusal(&info), "the framebuffer type is unknown");
    machine(&info, 800, 600, 8);
    assert_string_equal(refusal(&info), "only 15, 16, 24 and 32 bits per pixel are supported");
    machine(&info, 800, 600, 32);
    info.fb.pitch = 800 * 3;
    assert_string_equal(refusal(&info), "its pitch is shorter than a line of pixels");
    machine(&info, 800, 600, 16);
    info.fb.red_position = 12; /* 12 + 5 > 16 */
    assert_string_equal(refusal(&info), "a colour field does not fit in its pixel");
    machine(&info, 800, 600, 32);
    info.fb.blue_size = 0;
    assert_string_equal(refusal(&info), "a colour field does not fit in its pixel");
    machine(&info, 0, 600, 32);
    assert_string_equal(refusal(&info), "it has no pixels");
}

struct sink {
    char text[256];
    size_t len;
};

static void put(void *ctx, char c)
{
    struct sink *s = ctx;

    assert_true(s->len + 1 < sizeof(s->text));
    s->text[s->len++] = c;
    s->text[s->len] = '\0';
}

static const char *escaped(const char *bytes, size_t len)
{
    static struct sink s;

    s.len = 0;
    s.text[0] = '\0';
    boot_info_escape(bytes, len, put, &s);
    return s.text;
}

static void escape_keeps_printable_ascii(void **state)
{
    (void)state;
    assert_string_equal(escaped("console=ttyS0 a=b-c~{}", 22), "console=ttyS0 a=b-c~{}");
    assert_string_equal(escaped("", 0), "");
}

/* ESC, BEL, CR, DEL, C1 controls and UTF-8 bytes come out as \xNN; quotes and backslashes are
 * escaped so the quoted string stays unambiguous. */
static void escape_disarms_everything_else(void **state)
{
    (void)state;
    static const char evil[] = "\x1b[2J\x07\r\x7f\x9b caf\xc3\xa9 \"q\" \\";

    assert_string_equal(escaped(evil, sizeof(evil) - 1),
                        "\\x1b[2J\\x07\\x0d\\x7f\\x9b caf\\xc3\\xa9 \\\"q\\\" \\\\");
    assert_string_equal(escaped("a\0b", 3), "a\\x00b");
    for (unsigned c = 0; c < 256; c++) {
        char byte = (char)c;
        const char *out = escaped(&byte, 1);
        for (const char *p = out; *p; p++)
            assert_true(*p >= 0x20 && *p < 0x7f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_direct_colour_depth_is_drawn),
        cmocka_unit_test(framebuffer_at_address_0_is_refused),
        cmocka_unit_test(framebuffer_over_ram_or_kernel_is_refused),
        cmocka_unit_test(framebuffer_beyond_the_direct_map_is_refused),
        cmocka_unit_test(formats_cyan_cannot_draw_are_refused),
        cmocka_unit_test(escape_keeps_printable_ascii),
        cmocka_unit_test(escape_disarms_everything_else),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
