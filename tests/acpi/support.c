/* SPDX-License-Identifier: MIT */
/* Helpers of the ACPI host tests: captured memory, recorded warnings. */
#include "support.h"

#include "boot_info.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

const char *data_dir;

uint8_t *read_data(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", data_dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *bytes = malloc(size > 0 ? (size_t)size : 1);
    *len = fread(bytes, 1, (size_t)size, f);
    fclose(f);
    return bytes;
}

static const void *recorder_map(void *ctx, uint64_t phys, size_t len)
{
    return physmem_map(&((struct recorder *)ctx)->mem, phys, len);
}

static void recorder_warn(void *ctx, const char *signature, const char *message)
{
    struct warnings *w = &((struct recorder *)ctx)->warnings;

    if (w->count < WARNINGS_MAX)
        snprintf(w->text[w->count++], WARNING_LEN, "%s: %s", signature, message);
}

void recorder_init(struct recorder *r)
{
    memset(r, 0, sizeof(*r));
    r->ops = (struct acpi_ops){.map = recorder_map, .warn = recorder_warn, .ctx = r};
}

void capture_load(struct capture *c, const char *name)
{
    size_t len;
    uint8_t *bytes = read_data(name, &len);

    memset(c, 0, sizeof(*c));
    recorder_init(&c->r);
    assert_true(physmem_load(&c->r.mem, bytes, len));
    free(bytes);
    assert_true(c->r.mem.count > 1);
    c->rsdp_phys = c->r.mem.chunks[0].phys;
}

const char *capture_parse(struct capture *c)
{
    static struct boot_info info;
    struct physmem_chunk *rsdp = physmem_chunk_at(&c->r.mem, c->rsdp_phys);

    memset(&info, 0, sizeof(info));
    assert_true(boot_info_set_rsdp(&info, rsdp->bytes, rsdp->len));
    return acpi_init(&c->acpi, &c->r.ops, info.acpi.rsdt_phys, info.acpi.xsdt_phys);
}

bool warned(const struct warnings *w, const char *signature, const char *message)
{
    char wanted[WARNING_LEN];

    snprintf(wanted, sizeof(wanted), "%s: %s", signature, message);
    for (size_t i = 0; i < w->count; i++) {
        if (strcmp(w->text[i], wanted) == 0)
            return true;
    }
    return false;
}

void assert_no_warnings(const struct warnings *w)
{
    for (size_t i = 0; i < w->count; i++)
        print_error("unexpected warning: %s\n", w->text[i]);
    assert_int_equal(w->count, 0);
}
