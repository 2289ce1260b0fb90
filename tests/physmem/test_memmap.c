/* SPDX-License-Identifier: MIT */
/*
 * Host unit tests of the memory map normaliser (src/mm/memmap.c): QEMU's real maps, overlaps,
 * duplicates, unknown types, carve-outs, regions running past 2^64, and thousands of fragments.
 * Run under ASan and UBSan.
 */
#include "physmem_check.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#define MIB (1024ULL * 1024)
#define MAX 20000

static struct memmap_region out[MAX];
static struct memmap_event events[MAX];

static size_t run(const struct memmap_region *in, size_t n, const struct memmap_region *carve,
                  size_t c)
{
    bool truncated;
    size_t count = memmap_normalise(in, n, carve, c, events, out, MAX, &truncated);

    assert_false(truncated);
    assert_null(map_shape_error(out, count));
    return count;
}

static void expect(size_t i, uint64_t base, uint64_t length, uint32_t type)
{
    assert_int_equal(out[i].base, base);
    assert_int_equal(out[i].length, length);
    assert_int_equal(out[i].type, type);
}

/* QEMU 7.2 pc, -m 128M, SeaBIOS's E820 map as GRUB passes it on, with the kernel's carve-outs. */
static void qemu_pc_128m(void **state)
{
    (void)state;
    const struct memmap_region in[] = {
        {0x0, 0x9fc00, MEMMAP_USABLE},         {0x9fc00, 0x400, MEMMAP_RESERVED},
        {0xf0000, 0x10000, MEMMAP_RESERVED},   {0x100000, 0x7ee0000, MEMMAP_USABLE},
        {0x7fe0000, 0x20000, MEMMAP_RESERVED}, {0xfffc0000, 0x40000, MEMMAP_RESERVED},
    };
    const struct memmap_region carve[] = {
        {0, MIB, MEMMAP_LOW},
        {MIB, 0x200000, MEMMAP_KERNEL},
    };
    size_t n = run(in, 6, carve, 2);

    assert_int_equal(n, 7);
    expect(0, 0x0, 0x9fc00, MEMMAP_LOW);
    expect(1, 0x9fc00, 0x400, MEMMAP_RESERVED);
    expect(2, 0xf0000, 0x10000, MEMMAP_RESERVED); /* the VGA hole stays a hole, carve or not */
    expect(3, MIB, 0x200000, MEMMAP_KERNEL);
    expect(4, 3 * MIB, 0x7ee0000 - 0x200000, MEMMAP_USABLE);
    expect(5, 0x7fe0000, 0x20000, MEMMAP_RESERVED);
    expect(6, 0xfffc0000, 0x40000, MEMMAP_RESERVED);
    assert_int_equal(memmap_bytes(out, n, MEMMAP_USABLE), 0x7ee0000 - 0x200000);
}

static void unsorted_overlapping_and_duplicated(void **state)
{
    (void)state;
    const struct memmap_region in[] = {
        {16 * MIB, 16 * MIB, MEMMAP_USABLE},
        {0, 32 * MIB, MEMMAP_USABLE},
        {20 * MIB, 2 * MIB, MEMMAP_ACPI_RECLAIM},
        {21 * MIB, 2 * MIB, MEMMAP_RESERVED},
        {0, 32 * MIB, MEMMAP_USABLE},
    };
    size_t n = run(in, 5, NULL, 0);

    assert_int_equal(n, 4);
    expect(0, 0, 20 * MIB, MEMMAP_USABLE);
    expect(1, 20 * MIB, MIB, MEMMAP_ACPI_RECLAIM);
    expect(2, 21 * MIB, 2 * MIB, MEMMAP_RESERVED); /* the stricter type wins */
    expect(3, 23 * MIB, 9 * MIB, MEMMAP_USABLE);
}

static void unknown_types_are_reserved_and_bad_is_strictest(void **state)
{
    (void)state;
    const struct memmap_region in[] = {
        {0, 4 * MIB, MEMMAP_USABLE},
        {MIB, MIB, 77},
        {MIB, 2 * MIB, MEMMAP_BAD},
    };
    size_t n = run(in, 3, NULL, 0);

    assert_int_equal(n, 3);
    expect(1, MIB, 2 * MIB, MEMMAP_BAD);
    expect(0, 0, MIB, MEMMAP_USABLE);
    expect(2, 3 * MIB, MIB, MEMMAP_USABLE);
}

static void carve_outs_apply_only_where_the_loader_reported_memory(void **state)
{
    (void)state;
    const struct memmap_region in[] = {{8 * MIB, 8 * MIB, MEMMAP_USABLE}};
    const struct memmap_region carve[] = {{4 * MIB, 6 * MIB, MEMMAP_BOOT_DATA}};
    size_t n = run(in, 1, carve, 1);

    assert_int_equal(n, 2);
    expect(0, 8 * MIB, 2 * MIB, MEMMAP_BOOT_DATA);
    expect(1, 10 * MIB, 6 * MIB, MEMMAP_USABLE);
}

static void empty_regions_vanish_and_the_top_of_memory_is_cut_at_2_64(void **state)
{
    (void)state;
    const struct memmap_region in[] = {
        {5 * MIB, 0, MEMMAP_RESERVED},
        {UINT64_MAX - MIB + 1, 16 * MIB, MEMMAP_USABLE},
    };
    size_t n = run(in, 2, NULL, 0);

    assert_int_equal(n, 1);
    expect(0, UINT64_MAX - MIB + 1, MIB - 1, MEMMAP_USABLE);
}

/* 4000 regions of 4 KiB, usable and reserved in turn, given in a scrambled order. */
static void thousands_of_fragments(void **state)
{
    (void)state;
    enum { N = 4000 };
    static struct memmap_region in[N];

    for (size_t i = 0; i < N; i++) {
        size_t j = (i * 7919) % N; /* a permutation: the prime 7919 shares no factor with N */
        in[i] = (struct memmap_region){4 * MIB + j * 4096, 4096,
                                       j % 2 ? MEMMAP_RESERVED : MEMMAP_USABLE};
    }
    size_t n = run(in, N, NULL, 0);

    assert_int_equal(n, N);
    assert_int_equal(memmap_bytes(out, n, MEMMAP_USABLE), N / 2 * 4096);
    for (size_t i = 0; i < N; i++)
        assert_int_equal(map_type(out, n, in[i].base), reference_type(in, N, NULL, 0, in[i].base));
}

static void output_capacity_is_respected(void **state)
{
    (void)state;
    const struct memmap_region in[] = {
        {0, MIB, MEMMAP_USABLE}, {2 * MIB, MIB, MEMMAP_USABLE}, {4 * MIB, MIB, MEMMAP_USABLE}};
    bool truncated;
    size_t n = memmap_normalise(in, 3, NULL, 0, events, out, 2, &truncated);

    assert_int_equal(n, 2);
    assert_true(truncated);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(qemu_pc_128m),
        cmocka_unit_test(unsorted_overlapping_and_duplicated),
        cmocka_unit_test(unknown_types_are_reserved_and_bad_is_strictest),
        cmocka_unit_test(carve_outs_apply_only_where_the_loader_reported_memory),
        cmocka_unit_test(empty_regions_vanish_and_the_top_of_memory_is_cut_at_2_64),
        cmocka_unit_test(thousands_of_fragments),
        cmocka_unit_test(output_capacity_is_respected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
