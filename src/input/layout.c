/* SPDX-License-Identifier: MIT */
/* The list of keyboard layouts, and finding one by the name the command line gives. */
#include "layout.h"

#include <stddef.h>
#include <string.h>

const struct layout *const layouts[] = {&layout_us, &layout_de, NULL};

const struct layout *layout_find(const char *name)
{
    for (size_t i = 0; layouts[i]; i++) {
        size_t len = strlen(layouts[i]->name);
        if (memcmp(layouts[i]->name, name, len + 1) == 0)
            return layouts[i];
    }
    return NULL;
}
