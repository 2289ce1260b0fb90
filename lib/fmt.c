/* SPDX-License-Identifier: MIT */
/* A small printf engine: parses one conversion at a time and streams characters to a sink. */
#include <fmt.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

struct spec {
    bool left;     /* '-': pad on the right */
    bool zero;     /* '0': pad numbers with zeros */
    int width;     /* minimum field width */
    int precision; /* maximum characters of a string, -1 when absent */
    int length;    /* 0 int, 1 long, 2 long long or size_t */
};

struct out {
    fmt_sink sink;
    void *ctx;
    int count;
};

static void emit(struct out *o, char c)
{
    o->sink(o->ctx, c);
    o->count++;
}

static void pad(struct out *o, char c, int n)
{
    while (n-- > 0)
        emit(o, c);
}

/* Writes digits (already in text form) with sign and padding as the spec asks. */
static void emit_field(struct out *o, const struct spec *sp, const char *sign, const char *digits,
                       int ndigits)
{
    int nsign = (int)strlen(sign);
    int fill = sp->width - nsign - ndigits;

    if (!sp->left && !sp->zero)
        pad(o, ' ', fill);
    for (int i = 0; i < nsign; i++)
        emit(o, sign[i]);
    if (!sp->left && sp->zero)
        pad(o, '0', fill);
    for (int i = 0; i < ndigits; i++)
        emit(o, digits[i]);
    if (sp->left)
        pad(o, ' ', fill);
}

static void emit_unsigned(struct out *o, const struct spec *sp, const char *sign, uint64_t v,
                          unsigned base, bool upper)
{
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24]; /* 2^64 has 20 decimal digits */
    int n = (int)sizeof(buf);

    do {
        buf[--n] = set[v % base];
        v /= base;
    } while (v);
    emit_field(o, sp, sign, buf + n, (int)sizeof(buf) - n);
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
    *sp = (struct spec){.precision = -1};
    for (;; f++) {
        if (*f == '-')
            sp->left = true;
        else if (*f == '0')
            sp->zero = true;
        else
            break;
    }
    if (*f == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0) {
            sp->left = true;
            sp->width = -sp->width;
        }
        f++;
    }
    while (*f >= '0' && *f <= '9')
        sp->width = sp->width * 10 + (*f++ - '0');
    if (*f == '.') {
        f++;
        sp->precision = 0;
        if (*f == '*') {
            sp->precision = va_arg(*ap, int);
            f++;
        }
        while (*f >= '0' && *f <= '9')
            sp->precision = sp->precision * 10 + (*f++ - '0');
    }
    if (*f == 'z') {
        sp->length = 2;
        f++;
    }
    while (*f == 'l' && sp->length < 2) {
        sp->length++;
        f++;
    }
    return f;
}

static int64_t arg_signed(const struct spec *sp, va_list *ap)
{
    if (sp->length == 0)
        return va_arg(*ap, int);
    if (sp->length == 1)
        return va_arg(*ap, long);
    return va_arg(*ap, long long);
}

static uint64_t arg_unsigned(const struct spec *sp, va_list *ap)
{
    if (sp->length == 0)
        return va_arg(*ap, unsigned int);
    if (sp->length == 1)
        return va_arg(*ap, unsigned long);
    return va_arg(*ap, unsigned long long);
}

static void emit_string(struct out *o, const struct spec *sp, const char *s)
{
    int n = 0;

    if (!s)
        s = "(null)";
    while (s[n] && (sp->precision < 0 || n < sp->precision))
        n++;
    struct spec plain = *sp;
    plain.zero = false;
    emit_field(o, &plain, "", s, n);
}

/* Formats one conversion character c; returns false if c is not a known conversion. */
static bool convert(struct out *o, const struct spec *sp, char c, va_list *ap)
{
    switch (c) {
    case 'd':
    case 'i': {
        int64_t v = arg_signed(sp, ap);
        uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
        emit_unsigned(o, sp, v < 0 ? "-" : "", mag, 10, false);
        return true;
    }
    case 'u':
        emit_unsigned(o, sp, "", arg_unsigned(sp, ap), 10, false);
        return true;
    case 'x':
    case 'X':
        emit_unsigned(o, sp, "", arg_unsigned(sp, ap), 16, c == 'X');
        return true;
    case 'p':
        emit_unsigned(o, sp, "0x", (uintptr_t)va_arg(*ap, void *), 16, false);
        return true;
    case 'c': {
        char ch = (char)va_arg(*ap, int);
        emit_field(o, sp, "", &ch, 1);
        return true;
    }
    case 's':
        emit_string(o, sp, va_arg(*ap, const char *));
        return true;
    case '%':
        emit(o, '%');
        return true;
    default:
        return false;
    }
}

int fmt_vformat(fmt_sink sink, void *ctx, const char *fmt, va_list ap)
{
    struct out o = {.sink = sink, .ctx = ctx};
    va_list args;

    va_copy(args, ap);
    while (*fmt) {
        if (*fmt != '%') {
            emit(&o, *fmt++);
            continue;
        }
        const char *start = fmt++;
        struct spec sp;
        fmt = parse_spec(fmt, &sp, &args);
        if (*fmt && convert(&o, &sp, *fmt, &args)) {
            fmt++;
            continue;
        }
        /* unknown or truncated conversion: show it rather than guess */
        while (start < fmt)
            emit(&o, *start++);
        if (*fmt)
            emit(&o, *fmt++);
    }
    va_end(args);
    return o.count;
}

struct buffer {
    char *buf;
    size_t size;
    size_t len;
};

static void buffer_sink(void *ctx, char c)
{
    struct buffer *b = ctx;

    if (b->len + 1 < b->size)
        b->buf[b->len] = c;
    b->len++;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct buffer b = {.buf = buf, .size = size};

    int n = fmt_vformat(buffer_sink, &b, fmt, ap);
    if (size > 0)
        buf[b.len < size ? b.len : size - 1] = '\0';
    return n;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    int n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
