/* SPDX-License-Identifier: MIT */
/* Builds Multiboot2 boot information in memory, tag by tag, for the parser's host tests. */
#ifndef MBI_BUILDER_H
#define MBI_BUILDER_H

#include "boot_mb2.h"

#include <arch/multiboot2.h>
#include <assert.h>
#include <string.h>

#define MBI_MAX 131072 /* room for a long command line, or more map entries than kept */

struct mbi {
    _Alignas(8) unsigned char bytes[MBI_MAX];
    size_t len;
};

static inline void mbi_set_u32(struct mbi *m, size_t offset, uint32_t value)
{
    memcpy(m->bytes + offset, &value, sizeof(value));
}

/* Start with the 8-byte header (total_size filled in by mbi_end). */
static inline void mbi_begin(struct mbi *m)
{
    memset(m, 0, sizeof(*m));
    m->len = sizeof(struct mb2_info_header);
}

/* Append a tag with the given body, padded to the next 8-byte boundary. */
static inline void mbi_tag(struct mbi *m, uint32_t type, const void *body, uint32_t body_len)
{
    assert(m->len + 8 + body_len + 8 <= MBI_MAX);
    mbi_set_u32(m, m->len, type);
    mbi_set_u32(m, m->len + 4, 8 + body_len);
    if (body_len)
        memcpy(m->bytes + m->len + 8, body, body_len);
    m->len += (8 + body_len + 7) & ~(size_t)7;
}

static inline void mbi_string(struct mbi *m, uint32_t type, const char *s)
{
    mbi_tag(m, type, s, (uint32_t)strlen(s) + 1);
}

/* A memory map of count entries of entry_size bytes: all usable, 1 MiB each. */
static inline void mbi_mmap(struct mbi *m, unsigned count, uint32_t entry_size)
{
    static unsigned char body[8 + 4200 * 24];
    memset(body, 0, sizeof(body));
    assert(8 + (size_t)count * entry_size <= sizeof(body));
    memcpy(body, &entry_size, 4);
    for (unsigned i = 0; i < count; i++) {
        struct mb2_mmap_entry e = {.base_addr = (uint64_t)i << 20, .length = 1 << 20, .type = 1};
        memcpy(body + 8 + i * entry_size, &e, entry_size < sizeof(e) ? entry_size : sizeof(e));
    }
    mbi_tag(m, MB2_TAG_MMAP, body, 8 + count * entry_size);
}

/* A direct-colour framebuffer with red at bit 16, green at 8, blue at 0. */
static inline void mbi_rgb_framebuffer(struct mbi *m, uint32_t width, uint32_t height, uint8_t bpp,
                                       uint32_t pitch)
{
    struct mb2_tag_framebuffer fb = {.addr = 0xfd000000,
                                     .pitch = pitch,
                                     .width = width,
                                     .height = height,
                                     .bpp = bpp,
                                     .type = MB2_FB_TYPE_RGB,
                                     .red_position = 16,
                                     .red_size = 8,
                                     .green_position = 8,
                                     .green_size = 8,
                                     .blue_position = 0,
                                     .blue_size = 8};
    uint32_t size = (uint32_t)(offsetof(struct mb2_tag_framebuffer, blue_size) + 1);
    mbi_tag(m, MB2_TAG_FRAMEBUFFER, (const unsigned char *)&fb + 8, size - 8);
}

/* Append the end tag and set total_size. */
static inline void mbi_end(struct mbi *m)
{
    mbi_tag(m, MB2_TAG_END, NULL, 0);
    mbi_set_u32(m, 0, (uint32_t)m->len);
}

#endif
