/* SPDX-License-Identifier: MIT */
/* libk's functions on the host, under the libk_ names prefix_symbols.py gave them. */
#ifndef LIBK_HOST_H
#define LIBK_HOST_H

/*
 * The prototypes come from libk's own headers, read with every function renamed, so they cannot
 * drift from lib/. The C library's <string.h> is included first and keeps the plain names.
 */
#include <string.h>

#define memcpy        libk_memcpy
#define memmove       libk_memmove
#define memset        libk_memset
#define memcmp        libk_memcmp
#define memchr        libk_memchr
#define strlen        libk_strlen
#define fmt_vformat   libk_fmt_vformat
#define fmt_snprintf  libk_fmt_snprintf
#define fmt_vsnprintf libk_fmt_vsnprintf
#include "../../lib/include/fmt.h"
#include "../../lib/include/string.h"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef memchr
#undef strlen
#undef fmt_vformat
#undef fmt_snprintf
#undef fmt_vsnprintf

#endif
