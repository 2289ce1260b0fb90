/* SPDX-License-Identifier: MIT */
/* What the ACPI host tests share: files, recorded warnings, and a parse of captured tables. */
#ifndef CYAN_TESTS_ACPI_SUPPORT_H
#define CYAN_TESTS_ACPI_SUPPORT_H

#include "acpi/acpi.h"
#include "physmem.h"

#include <stdbool.h>
#include <stddef.h>

#define WARNINGS_MAX 64
#define WARNING_LEN  160

/* Everything the parser said through acpi_ops.warn, as "SIG: message". */
struct warnings {
    size_t count;
    char text[WARNINGS_MAX][WARNING_LEN];
};

/* Memory the parser reads, and ops over it that record what the parser warns about. */
struct recorder {
    struct physmem mem;
    struct warnings warnings;
    struct acpi_ops ops;
};

struct capture {
    struct recorder r;
    struct acpi acpi;
    uint64_t rsdp_phys;
};

extern const char *data_dir; /* argv[1]: where the captures and compiled tables are */

/* The bytes of data_dir/name, malloc'ed; *len gets their number. Fails the test if absent. */
uint8_t *read_data(const char *name, size_t *len);
/* Load a capture into c (its memory, ops that read it and record warnings); no parse yet. */
void capture_load(struct capture *c, const char *name);
/* Check the capture's RSDP as the boot code does, then acpi_init; returns acpi_init's result. */
const char *capture_parse(struct capture *c);
/* Empty memory and no warnings; r->ops reads the one and records the other. */
void recorder_init(struct recorder *r);
/* Whether a warning "signature: message" was recorded. */
bool warned(const struct warnings *w, const char *signature, const char *message);
/* Fail the test, listing them, if there are any warnings. */
void assert_no_warnings(const struct warnings *w);

#endif
