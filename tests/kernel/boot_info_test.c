/* SPDX-License-Identifier: MIT */
/* Boot information as this kernel received it, from GRUB (Multiboot2) or QEMU -kernel (PVH). */
#include "ktest.h"

#include <arch/memlayout.h>
#include <string.h>

#define MIB (1024 * 1024)

KTEST(boot_protocol_is_the_one_the_runner_used)
{
    char expected[16];
    const char *actual = ktest_boot_info()->protocol == BOOT_PVH ? "pvh" : "multiboot2";

    if (!boot_info_cmdline_get(ktest_boot_info(), "ktest.boot", expected, sizeof(expected)))
        KT_SKIP("no ktest.boot= on the command line");
    KT_ASSERT_STREQ(expected, actual);
}

KTEST(boot_loader_name_is_grub_under_multiboot2)
{
    const struct boot_info *info = ktest_boot_info();

    if (info->protocol != BOOT_MULTIBOOT2)
        KT_SKIP("booted without a Multiboot2 loader");
    KT_ASSERT(memcmp(info->loader_name, "GRUB", 4) == 0);
}

KTEST(boot_memory_map_has_usable_ram)
{
    uint64_t usable = boot_info_usable_bytes(ktest_boot_info());

    KT_ASSERT(ktest_boot_info()->mmap_count > 0);
    KT_ASSERT(usable >= 32 * MIB);
    KT_ASSERT(usable <= DIRECT_MAP_SPAN); /* not a garbage map */
}

KTEST(boot_memory_map_covers_the_kernel_image)
{
    const struct boot_info *info = ktest_boot_info();
    uint64_t start = KERNEL_LOAD_PHYS, end = (uint64_t)_kernel_end - KERNEL_VMA;

    for (size_t i = 0; i < info->mmap_count; i++) {
        const struct boot_mem_region *r = &info->mmap[i];
        if (r->type == BOOT_MEM_USABLE && r->base <= start && end <= r->base + r->length)
            return;
    }
    ktest_fail(__FILE__, __LINE__, "no usable region holds the kernel at 0x%lx-0x%lx",
               (unsigned long)start, (unsigned long)end);
}

KTEST(boot_cmdline_get_finds_keys_and_values)
{
    static struct boot_info info = {.cmdline = " a=1  key=value key2=x=y flag"};
    char buf[8];

    KT_ASSERT(boot_info_cmdline_get(&info, "key", buf, sizeof(buf)));
    KT_ASSERT_STREQ("value", buf);
    KT_ASSERT(boot_info_cmdline_get(&info, "key2", buf, sizeof(buf)));
    KT_ASSERT_STREQ("x=y", buf);
    KT_ASSERT(!boot_info_cmdline_get(&info, "flag", buf, sizeof(buf)));
    KT_ASSERT(!boot_info_cmdline_get(&info, "ke", buf, sizeof(buf)));
    KT_ASSERT(boot_info_cmdline_get(&info, "a", buf, 2));
    KT_ASSERT_STREQ("1", buf);
}
