/* SPDX-License-Identifier: MIT */
/* Host stand-in for libk's fmt.h: the C library's snprintf does the same job here. */
#ifndef SHIM_FMT_H
#define SHIM_FMT_H

#include <stdio.h>

#define fmt_snprintf snprintf

#endif
