/* SPDX-License-Identifier: MIT */
/*
 * Host unit tests of the Multiboot2 parser (src/boot/boot_mb2.c): real boot information that GRUB
 * gave the kernel under BIOS and UEFI (also at 15 bits per pixel, and with virtio-gpu-pci's
 * framebuffer at 0), then hand-built structures that lie in every way the parser must catch. Run
 * under ASan and UBSan: a read outside the structure fails the test.
 * usage: test-boot-mb2 CORPUS_DIR (for the captured grub-*.mbi)
 */
#include "mbi_builder.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static const char *corpus_dir;

/* Parse exactly the bytes given, from a heap block of that size: ASan sees any overread. */
static const char *parse_exact(const void *bytes, size_t len, struct boot_info *info)
{
    void *copy = malloc(len ? len : 1);
    memcpy(copy, bytes, len);
    const char *error = mb2_parse(copy, len, info);
    free(copy);
    return error;
}

#define CAPTURE_MAX 16384 /* the UEFI capture, with the firmware's memory map, is 7560 bytes */

static uint8_t capture[CAPTURE_MAX] __attribute__((aligned(8)));

/* Read a captured structure into capture[]; returns its length. */
static size_t load_capture(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", corpus_dir, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t len = fread(capture, 1, sizeof(capture), f);
    fclose(f);
    return len;
}

/* Parse a captured structure, which must parse without error. */
static const struct boot_info *parse_capture(const char *name)
{
    static struct boot_info info;
    size_t len = load_capture(name);

    assert_null(parse_exact(capture, len, &info));
    return &info;
}

static void grub_under_bios(void **state)
{
    (void)state;
    const struct boot_info *info = parse_capture("grub-bios.mbi");

    assert_int_equal(info->protocol, BOOT_MULTIBOOT2);
    assert_string_equal(info->loader_name, "GRUB 2.06-13+deb12u2");
    assert_string_equal(info->cmdline, "");
    assert_int_equal(info->mmap_count, 7);
    assert_true(boot_info_usable_bytes(info) > 120u << 20);
    assert_int_equal(info->fb.type, BOOT_FB_TEXT);
    assert_int_equal(info->fb.width, 80);
    assert_int_equal(info->fb.height, 25);
    assert_true(info->acpi.present);
    assert_string_equal(info->acpi.oem_id, "BOCHS ");
}

static void grub_under_uefi(void **state)
{
    (void)state;
    const struct boot_info *info = parse_capture("grub-uefi.mbi");

    assert_int_equal(info->fb.type, BOOT_FB_RGB);
    assert_int_equal(info->fb.bpp, 24);
    assert_true(info->fb.pitch >= info->fb.width * 3);
    assert_int_equal(info->acpi.revision, 2);
    assert_true(info->acpi.xsdt_phys != 0);
}

/* The kernel image as cyan.elf lays it out (1 MiB up), for boot_fb_refusal. */
static const struct boot_phys_span kernel_image = {0x100000, 0x200000};
#define DIRECT_MAP_END (UINT64_C(4) << 30)

/* GRUB under BIOS with gfxpayload=800x600x15: a 5:5:5 framebuffer, to be drawn on. */
static void grub_under_bios_at_15_bpp(void **state)
{
    (void)state;
    const struct boot_info *info = parse_capture("grub-bios-800x600x15.mbi");

    assert_int_equal(info->fb.type, BOOT_FB_RGB);
    assert_int_equal(info->fb.bpp, 15);
    assert_int_equal(info->fb.pitch, 1600);
    assert_int_equal(info->fb.red_position, 10);
    assert_int_equal(info->fb.red_size, 5);
    assert_null(boot_fb_refusal(info, kernel_image, DIRECT_MAP_END));
}

/* GRUB under OVMF with virtio-gpu-pci: a framebuffer at physical 0, which must be refused. */
static void grub_under_uefi_with_virtio_gpu(void **state)
{
    (void)state;
    const struct boot_info *info = parse_capture("grub-uefi-virtio-gpu.mbi");

    assert_int_equal(info->fb.type, BOOT_FB_RGB);
    assert_int_equal(info->fb.phys, 0);
    assert_int_equal(info->fb.width, 1280);
    assert_int_equal(info->fb.height, 800);
    assert_string_equal(boot_fb_refusal(info, kernel_image, DIRECT_MAP_END),
                        "it starts at address 0, where no framebuffer is");
}

/* Every prefix of a real structure is rejected with a message, never read past. */
static void every_truncation_is_an_error(void **state)
{
    (void)state;
    static struct boot_info info;
    size_t len = load_capture("grub-bios.mbi");

    for (size_t n = 0; n < len; n++)
        assert_non_null(parse_exact(capture, n, &info));
}

static void built_structure_parses(void **state)
{
    (void)state;
    static struct mbi m;
    static struct boot_info info;

    mbi_begin(&m);
    mbi_string(&m, MB2_TAG_CMDLINE, "console=serial debug");
    mbi_string(&m, MB2_TAG_LOADER_NAME, "test loader");
    mbi_mmap(&m, 3, 24);
    mbi_rgb_framebuffer(&m, 1024, 768, 32, 4096);
    mbi_end(&m);
    assert_null(parse_exact(m.bytes, m.len, &info));
    assert_string_equal(info.cmdline, "console=serial debug");
    assert_string_equal(info.loader_name, "test loader");
    assert_int_equal(info.mmap_count, 3);
    assert_int_equal(info.mmap[2].type, BOOT_MEM_USABLE);
    assert_int_equal(info.fb.type, BOOT_FB_RGB);
    assert_int_equal(info.fb.red_position, 16);
}

static void expect_error(struct mbi *m, const char *message)
{
    static struct boot_info info;
    const char *error = parse_exact(m->bytes, m->len, &info);

    assert_non_null(error);
    assert_string_equal(error, message);
}

static void lying_sizes_are_errors(void **state)
{
    (void)state;
    static struct mbi m;

    mbi_begin(&m);
    mbi_end(&m);
    mbi_set_u32(&m, 0, m.len + 8); /* total_size beyond what is there */
    expect_error(&m, "multiboot2: total_size runs past the readable boot information");

    mbi_begin(&m);
    mbi_end(&m);
    mbi_set_u32(&m, 0, 12); /* too small to hold even the end tag */
    expect_error(&m, "multiboot2: total_size is impossible");

    mbi_begin(&m);
    mbi_string(&m, MB2_TAG_CMDLINE, "abc");
    mbi_end(&m);
    mbi_set_u32(&m, 8 + 4, 4000); /* the command line tag claims 4000 bytes */
    expect_error(&m, "multiboot2: a tag's size runs past total_size");

    mbi_begin(&m);
    mbi_string(&m, MB2_TAG_CMDLINE, "abc");
    mbi_end(&m);
    mbi_set_u32(&m, 8 + 4, 4); /* smaller than a tag header */
    expect_error(&m, "multiboot2: a tag's size runs past total_size");
}

static void structural_lies_are_errors(void **state)
{
    (void)state;
    static struct mbi m;

    mbi_begin(&m);
    mbi_string(&m, MB2_TAG_LOADER_NAME, "abc");
    mbi_end(&m);
    m.bytes[8 + 8 + 3] = 'd'; /* overwrite the NUL: the name never ends inside its tag */
    expect_error(&m, "multiboot2: loader name is not NUL-terminated");

    mbi_begin(&m);
    mbi_mmap(&m, 2, 20); /* entries shorter than the 24 bytes the spec defines */
    mbi_end(&m);
    expect_error(&m, "multiboot2: memory map entry size is not a multiple of 8 of at least 24");

    mbi_begin(&m);
    mbi_end(&m);
    m.len -= 8; /* no end tag */
    mbi_set_u32(&m, 0, m.len);
    mbi_string(&m, MB2_TAG_CMDLINE, "x");
    mbi_set_u32(&m, 0, m.len);
    expect_error(&m, "multiboot2: no end tag before total_size");

    mbi_begin(&m);
    mbi_end(&m);
    mbi_set_u32(&m, 8 + 4, 16); /* an end tag of the wrong size */
    mbi_set_u32(&m, 0, 24);
    m.len = 24;
    expect_error(&m, "multiboot2: end tag has the wrong size");
}

static void misaligned_information_is_an_error(void **state)
{
    (void)state;
    static struct mbi m;
    static uint8_t shifted[sizeof(m.bytes) + 8] __attribute__((aligned(8)));
    static struct boot_info info;

    mbi_begin(&m);
    mbi_end(&m);
    memcpy(shifted + 4, m.bytes, m.len);
    assert_string_equal(mb2_parse(shifted + 4, m.len, &info),
                        "multiboot2: boot information is not 8-byte aligned");
}

/* What does not fit is cut and says so; a framebuffer is recorded as reported, even a bad one. */
static void what_does_not_fit_is_cut(void **state)
{
    (void)state;
    static struct mbi m;
    static struct boot_info info;
    static char long_cmdline[BOOT_CMDLINE_MAX + 40];

    mbi_begin(&m);
    mbi_rgb_framebuffer(&m, 1024, 768, 32, 1024 * 3); /* pitch shorter than a line */
    mbi_mmap(&m, BOOT_MMAP_MAX + 5, 24);
    memset(long_cmdline, 'x', sizeof(long_cmdline) - 1);
    mbi_string(&m, MB2_TAG_CMDLINE, long_cmdline);
    mbi_end(&m);
    assert_null(parse_exact(m.bytes, m.len, &info));
    assert_int_equal(info.fb.type, BOOT_FB_RGB);
    assert_int_equal(info.fb.pitch, 1024 * 3);
    assert_int_equal(info.mmap_count, BOOT_MMAP_MAX);
    assert_true(info.mmap_truncated);
    assert_int_equal(strlen(info.cmdline), BOOT_CMDLINE_MAX - 1);
    assert_int_equal(info.cmdline_length, sizeof(long_cmdline) - 1);
}

/* A command line that fits is kept whole, and its length says it was not cut. */
static void command_line_length_is_recorded(void **state)
{
    (void)state;
    static struct mbi m;
    static struct boot_info info;
    static char cmdline[4200];

    memset(cmdline, 'y', sizeof(cmdline) - 1);
    mbi_begin(&m);
    mbi_string(&m, MB2_TAG_CMDLINE, cmdline);
    mbi_end(&m);
    assert_null(parse_exact(m.bytes, m.len, &info));
    assert_int_equal(info.cmdline_length, sizeof(cmdline) - 1);
    assert_string_equal(info.cmdline, cmdline);
}

/* A module tag: start and end (exclusive) as two 32-bit words, then the command line. */
static void add_module(struct mbi *m, uint32_t start, uint32_t end, const char *cmdline)
{
    unsigned char body[64] = {0};

    memcpy(body, &start, 4);
    memcpy(body + 4, &end, 4);
    memcpy(body + 8, cmdline, strlen(cmdline) + 1);
    mbi_tag(m, MB2_TAG_MODULE, body, (uint32_t)(8 + strlen(cmdline) + 1));
}

static void modules_are_listed_with_their_command_lines(void **state)
{
    (void)state;
    static struct mbi m;
    static struct boot_info info;

    mbi_begin(&m);
    add_module(&m, 0x200000, 0x200100, "initrd");
    add_module(&m, 0x300000, 0x300000, "");
    for (int i = 0; i < BOOT_MODULES_MAX; i++)
        add_module(&m, 0x400000, 0x401000, "more");
    mbi_end(&m);
    assert_null(parse_exact(m.bytes, m.len, &info));
    assert_int_equal(info.module_count, BOOT_MODULES_MAX);
    assert_true(info.modules_truncated);
    assert_int_equal(info.modules[0].phys, 0x200000);
    assert_int_equal(info.modules[0].size, 0x100);
    assert_string_equal(info.modules[0].cmdline, "initrd");
    assert_int_equal(info.modules[1].size, 0);
    assert_string_equal(info.modules[1].cmdline, "");

    mbi_begin(&m);
    add_module(&m, 0x300000, 0x200000, "backwards");
    mbi_end(&m);
    expect_error(&m, "multiboot2: module ends before it starts");
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grub_under_bios),
        cmocka_unit_test(grub_under_uefi),
        cmocka_unit_test(grub_under_bios_at_15_bpp),
        cmocka_unit_test(grub_under_uefi_with_virtio_gpu),
        cmocka_unit_test(every_truncation_is_an_error),
        cmocka_unit_test(built_structure_parses),
        cmocka_unit_test(modules_are_listed_with_their_command_lines),
        cmocka_unit_test(lying_sizes_are_errors),
        cmocka_unit_test(structural_lies_are_errors),
        cmocka_unit_test(misaligned_information_is_an_error),
        cmocka_unit_test(what_does_not_fit_is_cut),
        cmocka_unit_test(command_line_length_is_recorded),
    };

    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    corpus_dir = argv[1];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
