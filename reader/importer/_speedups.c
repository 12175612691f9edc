/* The importer's tokenizer in C: reader.importer.tokens.tokenize without the
 * interpreter in the loop.
 *
 * Cutting an article into tokens and looking each one up in the word table was a
 * third of an import in pure Python, although every step was already a C-level call
 * (a regular expression, then one map per column): the cost was the passes
 * themselves and a string object per chunk. This does the same in one pass.
 *
 * The tokens are exactly those of tokens.TOKEN_PATTERN, scanned left to right:
 *   - an initial: a letter that is not a-z or a digit, then ".", when a space and a
 *     letter follow ("Teguh P. Nugroho");
 *   - a word: letters and digits, in runs joined by ’ ' - _, ending in a letter or
 *     digit, with a possessive ’ or ' after a final "s" ("Airways'") when no word
 *     character follows;
 *   - any other character that is neither a word character nor white space.
 * White space and "_" outside words start nothing. A token is *spaced* when anything
 * stands between it and the token before it (the paragraph start counts as a token
 * end), as in tokens._chunks_one_by_one.
 *
 * The character classes are the regular expression engine's (Py_UNICODE_ISALNUM,
 * ISDECIMAL, ISSPACE), so both paths agree on every code point; tests/importer/
 * test_speedups.py compares them on generated text.
 *
 * Flags come from the WordTable (its __missing__ works out a word's flags), asked once
 * per distinct word: after that the word, its flags and its flags with LOWER_APART (for
 * a lower-case word with a space before it) come from the lexicon below, one shared
 * string per word, as in the pure-Python table. The lower-case words with a space
 * before them, or first in the text, are also collected into a set on request
 * (tokens.spaced_lower_words).
 *
 * A token costs about a hash, a lookup and three stores: the token's end and its word's
 * hash are found in one pass over its characters, the columns are filled in C arrays
 * and made lists once, flags and end offsets are shared int objects (one per distinct
 * value), and a lower-case word goes into the set once per article, not once per use.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#ifndef READER_SOURCE_SHA256
#define READER_SOURCE_SHA256 "unknown"
#endif

/* ASCII character classes, read off the Py_UNICODE_* functions at import. */
enum { C_ALNUM = 1, C_DECIMAL = 2, C_SPACE = 4 };
static unsigned char ascii_class[128];

static inline int is_alnum(Py_UCS4 c) {
    return c < 128 ? (ascii_class[c] & C_ALNUM) : Py_UNICODE_ISALNUM(c);
}
static inline int is_decimal(Py_UCS4 c) {
    return c < 128 ? (ascii_class[c] & C_DECIMAL) : Py_UNICODE_ISDECIMAL(c);
}
static inline int is_space(Py_UCS4 c) {
    return c < 128 ? (ascii_class[c] & C_SPACE) : Py_UNICODE_ISSPACE(c);
}
static inline int is_word(Py_UCS4 c) { return c == '_' || is_alnum(c); }
static inline int is_joiner(Py_UCS4 c) {
    return c == '_' || c == '\'' || c == '-' || c == 0x2019;
}
/* [^\W\d_]: a letter (or a non-decimal numeric) */
static inline int is_letter(Py_UCS4 c) { return is_alnum(c) && !is_decimal(c); }

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

/* End of the token starting at i, or -1 if none starts there; *hash is set to the
 * FNV-1a hash of the token's code points (the same for a word whatever the width of
 * its string), worked out on the way. */
static inline Py_ssize_t token_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t i,
                                   uint64_t *hash) {
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    uint64_t h = (FNV_OFFSET ^ c) * FNV_PRIME;
    if (!is_alnum(c)) {
        *hash = h;
        return (c == '_' || is_space(c)) ? -1 : i + 1;
    }
    if (i + 3 < n && is_letter(c) && !(c >= 'a' && c <= 'z')
        && PyUnicode_READ(kind, data, i + 1) == '.'
        && is_space(PyUnicode_READ(kind, data, i + 2))
        && is_letter(PyUnicode_READ(kind, data, i + 3))) {
        *hash = (h ^ '.') * FNV_PRIME;
        return i + 2;
    }
    /* h runs over every character read; at_end is its value at the last letter or
     * digit (joiners after it are not the word's) */
    Py_ssize_t j = i + 1, end = i + 1;
    uint64_t at_end = h;
    while (j < n) {
        Py_UCS4 d = PyUnicode_READ(kind, data, j);
        if (is_alnum(d)) {
            h = (h ^ d) * FNV_PRIME;
            at_end = h;
            end = ++j;
        } else if (is_joiner(d)) {
            h = (h ^ d) * FNV_PRIME;
            ++j;
        } else {
            break;
        }
    }
    if (end < n && PyUnicode_READ(kind, data, end - 1) == 's') {
        Py_UCS4 q = PyUnicode_READ(kind, data, end);
        if ((q == '\'' || q == 0x2019)
            && !(end + 1 < n && is_word(PyUnicode_READ(kind, data, end + 1)))) {
            at_end = (at_end ^ q) * FNV_PRIME;
            ++end;
        }
    }
    *hash = at_end;
    return end;
}

/* A token found ahead of its lookup: where it starts and ends, and its hash. */
typedef struct {
    Py_ssize_t start, end;
    uint64_t hash;
} Pending;

/* The next token from *cursor on, if any (0 when the text has no more): skips what
 * starts no token, and leaves *cursor at the token's end. */
static inline int next_token(int kind, const void *data, Py_ssize_t n, Py_ssize_t *cursor,
                             Pending *found) {
    for (Py_ssize_t i = *cursor; i < n; ++i) {
        Py_ssize_t e = token_end(kind, data, n, i, &found->hash);
        if (e >= 0) {
            found->start = i;
            found->end = e;
            *cursor = e;
            return 1;
        }
    }
    *cursor = n;
    return 0;
}

#include "_speedups_lexicon.h"
#include "_speedups_columns.h"
#include "_speedups_caps.h"
#include "_speedups_words.h"
#include "_speedups_lines.h"

PyDoc_STRVAR(scan_doc,
"scan(text, table, lexicon, bits, max_words, lower=None) -> (words, ends, flags, caps)\n\n"
"The columns of tokens.Tokens for ``text``: token texts, end offsets, flags, and the\n"
"indexes of the capitalised words. ``table`` maps a word to its flags (its\n"
"__missing__ works out a new one), ``lexicon`` remembers each word seen (forgetting\n"
"all at ``max_words``), and ``bits`` is (WORD, UPPER, LOWER_APART, CAPWORD). The\n"
"lower-case words not glued to the token before them are added to the set ``lower``\n"
"(tokens.spaced_lower_words), which is only ever added to: a word already added to\n"
"the same set by an earlier scan is not added again.");

static PyObject *scan(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs) {
    if (nargs < 5 || nargs > 6) {
        PyErr_Format(PyExc_TypeError, "scan() takes 5 or 6 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *text = args[0], *table = args[1], *capsule = args[2], *bit_tuple = args[3];
    PyObject *lower = nargs == 6 ? args[5] : Py_None;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "scan() takes a str to cut into tokens");
        return NULL;
    }
    if (!PyTuple_Check(bit_tuple) || PyTuple_GET_SIZE(bit_tuple) != 4) {
        PyErr_SetString(PyExc_TypeError, "scan() takes a tuple of four flag bits");
        return NULL;
    }
    unsigned long long bits[4];
    for (int b = 0; b < 4; ++b) {
        bits[b] = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(bit_tuple, b));
        if (bits[b] == (unsigned long long)-1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    Py_ssize_t max_words = PyLong_AsSsize_t(args[4]);
    if (max_words == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (lower != Py_None && !PySet_Check(lower)) {
        PyErr_SetString(PyExc_TypeError, "scan() takes a set or None for lower words");
        return NULL;
    }
    if (!PyCapsule_IsValid(capsule, LEXICON_NAME)) {
        PyErr_SetString(PyExc_TypeError, "scan() needs a lexicon() as its third argument");
        return NULL;
    }
    Lexicon *lex = PyCapsule_GetPointer(capsule, LEXICON_NAME);
    if (lower != Py_None && lower != lex->lower_set) {
        /* Another set: words added to the one before are not in it (the old set is
         * held until now, so this one cannot have its address). */
        Py_XSETREF(lex->lower_set, Py_NewRef(lower));
        lex->epoch += 1;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Column words, ends, flags, caps;
    column_init(&words);
    column_init(&ends);
    column_init(&flags);
    column_init(&caps);
    Py_ssize_t prev_end = 0, count = 0, cursor = 0;
    /* Tokens are found two ahead of the one looked up: the lexicon slot of the token
     * after next and the word of the next one are fetched into the cache meanwhile (in
     * an import the lexicon has been pushed out of the cache by everything else, and
     * waiting for it was the larger part of a token's cost). */
    Pending now, next, after;
    int has_now = next_token(kind, data, n, &cursor, &now);
    int has_next = has_now && next_token(kind, data, n, &cursor, &next);
    if (has_now) {
        prefetch_slot(lex, now.hash);
    }
    if (has_next) {
        prefetch_slot(lex, next.hash);
    }
    while (has_now) {
        int has_after = has_next && next_token(kind, data, n, &cursor, &after);
        if (has_after) {
            prefetch_slot(lex, after.hash);
        }
        if (has_next) {
            prefetch_word(lex, next.hash);
        }
        Py_ssize_t i = now.start, e = now.end;
        Slot *slot = lookup(lex, table, text, kind, data, i, e, (Py_uhash_t)now.hash, bits,
                            max_words);
        if (slot == NULL || column_push(&words, Py_NewRef(slot->word)) < 0
            || column_push(&flags, Py_NewRef(i != prev_end ? slot->spaced : slot->flags)) < 0
            || column_push(&ends, offset_object(e)) < 0
            || (slot->capword && column_push(&caps, offset_object(count)) < 0)) {
            goto error;
        }
        if (slot->lower && (i != prev_end || count == 0) && lower != Py_None
            && slot->added != lex->epoch) {
            if (PySet_Add(lower, slot->word) < 0) {
                goto error;
            }
            slot->added = lex->epoch;
        }
        ++count;
        prev_end = e;
        now = next;
        has_now = has_next;
        next = after;
        has_next = has_after;
    }
    PyObject *lists[4] = {column_list(&words), column_list(&ends), column_list(&flags),
                          column_list(&caps)};
    PyObject *result = NULL;
    if (lists[0] != NULL && lists[1] != NULL && lists[2] != NULL && lists[3] != NULL) {
        result = PyTuple_Pack(4, lists[0], lists[1], lists[2], lists[3]);
    }
    for (int k = 0; k < 4; ++k) {
        Py_XDECREF(lists[k]);
    }
    column_release(&words);
    column_release(&ends);
    column_release(&flags);
    column_release(&caps);
    return result;
error:
    column_release(&words);
    column_release(&ends);
    column_release(&flags);
    column_release(&caps);
    return NULL;
}

static PyMethodDef speedups_methods[] = {
    {"lexicon", lexicon_new, METH_NOARGS, lexicon_doc},
    {"scan", (PyCFunction)(void (*)(void))scan, METH_FASTCALL, scan_doc},
    {"cap_stats", (PyCFunction)(void (*)(void))cap_stats, METH_FASTCALL, cap_stats_doc},
    {"count_words", (PyCFunction)(void (*)(void))count_words, METH_FASTCALL, count_words_doc},
    {"read_lines", read_lines, METH_O, read_lines_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT,
    "_speedups",
    "The importer's hot loops in C: lines, word count, tokenizer, capitalised words\n"
    "(optional: each has its pure-Python way).",
    -1,
    speedups_methods,
};

PyMODINIT_FUNC PyInit__speedups(void) {
    for (Py_UCS4 c = 0; c < 128; ++c) {
        ascii_class[c] = (Py_UNICODE_ISALNUM(c) ? C_ALNUM : 0)
                         | (Py_UNICODE_ISDECIMAL(c) ? C_DECIMAL : 0)
                         | (Py_UNICODE_ISSPACE(c) ? C_SPACE : 0);
    }
    if (caps_init() < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&speedups_module);
    if (m != NULL && PyModule_AddStringConstant(m, "SOURCE_SHA256", READER_SOURCE_SHA256) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
