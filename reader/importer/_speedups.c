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

/* -- the lexicon: every distinct word seen, with its flags ---------------------------
 *
 * An open-addressing table keyed by the word's code points, so that a word seen before
 * costs a hash and a compare on the paragraph's own buffer: no string object is made
 * for it. (With a dict, making the key string, hashing it and freeing it again was
 * most of the cost of a token.) It holds at most max_words words (200,000 from
 * tokens.py): at that bound its slots take about 20 MB, and they stay allocated when it
 * forgets, until its word table goes.
 */
typedef struct {
    Py_uhash_t hash;
    PyObject *word;   /* NULL: an empty slot */
    PyObject *flags;  /* the word's flags */
    PyObject *spaced; /* its flags when a space stands before it */
    int capword; /* a capitalised word: CAPWORD */
    int lower;   /* a lower-case word: WORD and not UPPER */
    unsigned long long added; /* the lower set (its epoch) the word was last added to */
} Slot;

typedef struct {
    Py_ssize_t used;
    size_t mask; /* slots - 1, a power of two minus one */
    Slot *slots;
    /* One int object per distinct flags value, shared by every slot that has it (a
     * few hundred values: their objects stay in the cache where a token takes one). */
    PyObject *shared;
    /* The lower-word set scan() last added to, held so that no other set can take its
     * address, and its epoch: a slot whose stamp is that epoch is in that set. */
    PyObject *lower_set;
    unsigned long long epoch;
} Lexicon;

#define LEXICON_NAME "reader.importer._speedups.Lexicon"
#define MIN_SLOTS 1024

static void lexicon_clear(Lexicon *lex) {
    /* Each slot is emptied before its references are dropped. (They are exact str and
     * int objects, whose release runs no Python code; see lookup.) */
    for (size_t k = 0; k <= lex->mask; ++k) {
        Slot slot = lex->slots[k];
        if (slot.word != NULL) {
            lex->slots[k].word = NULL;
            Py_DECREF(slot.word);
            Py_DECREF(slot.flags);
            Py_DECREF(slot.spaced);
        }
    }
    lex->used = 0;
}

static void lexicon_free(PyObject *capsule) {
    Lexicon *lex = PyCapsule_GetPointer(capsule, LEXICON_NAME);
    if (lex != NULL) {
        lexicon_clear(lex);
        Py_XDECREF(lex->shared);
        Py_XDECREF(lex->lower_set);
        PyMem_Free(lex->slots);
        PyMem_Free(lex);
    }
}

PyDoc_STRVAR(lexicon_doc,
"lexicon() -> capsule\n\n"
"An empty word lexicon for scan(); one per word table, freed with it.");

static PyObject *lexicon_new(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(args)) {
    Lexicon *lex = PyMem_Calloc(1, sizeof(Lexicon));
    Slot *slots = PyMem_Calloc(MIN_SLOTS, sizeof(Slot));
    PyObject *shared = PyDict_New();
    if (lex == NULL || slots == NULL || shared == NULL) {
        PyMem_Free(lex);
        PyMem_Free(slots);
        Py_XDECREF(shared);
        return PyErr_Occurred() ? NULL : PyErr_NoMemory();
    }
    lex->mask = MIN_SLOTS - 1;
    lex->slots = slots;
    lex->shared = shared;
    PyObject *capsule = PyCapsule_New(lex, LEXICON_NAME, lexicon_free);
    if (capsule == NULL) {
        Py_DECREF(shared);
        PyMem_Free(slots);
        PyMem_Free(lex);
    }
    return capsule;
}

static inline int same_word(PyObject *word, int kind, const void *data, Py_ssize_t i,
                            Py_ssize_t e) {
    Py_ssize_t len = e - i;
    if (PyUnicode_GET_LENGTH(word) != len) {
        return 0;
    }
    int wkind = PyUnicode_KIND(word);
    const void *wdata = PyUnicode_DATA(word);
    if (wkind == kind) {
        return memcmp(wdata, (const char *)data + i * kind, (size_t)(len * kind)) == 0;
    }
    for (Py_ssize_t k = 0; k < len; ++k) {
        if (PyUnicode_READ(wkind, wdata, k) != PyUnicode_READ(kind, data, i + k)) {
            return 0;
        }
    }
    return 1;
}

/* A new reference to the lexicon's int object for ``value`` (made on first use). */
static PyObject *shared_int(Lexicon *lex, unsigned long long value) {
    PyObject *key = PyLong_FromUnsignedLongLong(value);
    if (key == NULL) {
        return NULL;
    }
    PyObject *found = PyDict_SetDefault(lex->shared, key, key);
    Py_DECREF(key);
    return Py_XNewRef(found);
}

static int lexicon_grow(Lexicon *lex) {
    size_t size = (lex->mask + 1) * 2;
    Slot *slots = PyMem_Calloc(size, sizeof(Slot));
    if (slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t k = 0; k <= lex->mask; ++k) {
        Slot *old = &lex->slots[k];
        if (old->word != NULL) {
            size_t at = old->hash & (size - 1);
            while (slots[at].word != NULL) {
                at = (at + 1) & (size - 1);
            }
            slots[at] = *old;
        }
    }
    PyMem_Free(lex->slots);
    lex->slots = slots;
    lex->mask = size - 1;
    return 0;
}

/* The slot of the token text[i:e], worked out through ``table`` on first sight. */
static Slot *lookup(Lexicon *lex, PyObject *table, PyObject *text, int kind,
                    const void *data, Py_ssize_t i, Py_ssize_t e, Py_uhash_t hash,
                    const unsigned long long bits[4], Py_ssize_t max_words) {
    size_t at = hash & lex->mask;
    for (Slot *slot = &lex->slots[at]; slot->word != NULL; slot = &lex->slots[at]) {
        if (slot->hash == hash && same_word(slot->word, kind, data, i, e)) {
            return slot;
        }
        at = (at + 1) & lex->mask;
    }
    /* A new word: its flags come from the table's __missing__. */
    PyObject *word = PyUnicode_Substring(text, i, e);
    if (word == NULL) {
        return NULL;
    }
    PyObject *flags = PyObject_GetItem(table, word);
    if (flags == NULL) {
        Py_DECREF(word);
        return NULL;
    }
    unsigned long long value = PyLong_AsUnsignedLongLong(flags);
    if (value == (unsigned long long)-1 && PyErr_Occurred()) {
        Py_DECREF(word);
        Py_DECREF(flags);
        return NULL;
    }
    /* Exact ints only, shared per value: releasing one never runs Python code, where
     * an int subclass's __del__ could re-enter scan while the lexicon is being cleared. */
    Py_SETREF(flags, shared_int(lex, value));
    if (flags == NULL) {
        Py_DECREF(word);
        return NULL;
    }
    PyObject *spaced = ((value & bits[0]) && !(value & bits[1]))
                           ? shared_int(lex, value | bits[2])
                           : Py_NewRef(flags);
    if (spaced == NULL) {
        Py_DECREF(word);
        Py_DECREF(flags);
        return NULL;
    }
    /* Past max_words the lexicon forgets everything (bounded memory on nonsense). */
    if (lex->used >= max_words) {
        lexicon_clear(lex);
    } else if ((size_t)(lex->used + 1) * 3 >= (lex->mask + 1) * 2 && lexicon_grow(lex) < 0) {
        Py_DECREF(word);
        Py_DECREF(flags);
        Py_DECREF(spaced);
        return NULL;
    }
    at = hash & lex->mask;
    while (lex->slots[at].word != NULL) {
        at = (at + 1) & lex->mask;
    }
    Slot *slot = &lex->slots[at];
    slot->hash = hash;
    slot->word = word;
    slot->flags = flags;
    slot->spaced = spaced;
    slot->capword = (value & bits[3]) != 0;
    slot->lower = (value & bits[0]) && !(value & bits[1]);
    slot->added = 0;
    lex->used += 1;
    return slot;
}

/* -- the columns -------------------------------------------------------------------
 *
 * Filled in C arrays (first on the stack, then on the heap as they grow) and made
 * lists once at the end: appending to four lists was a third of the cost of a token.
 * Each array holds new references until it becomes a list (or is released).
 */
#define STACK_ITEMS 256

typedef struct {
    PyObject **items;
    Py_ssize_t len, cap;
    PyObject *stack[STACK_ITEMS];
} Column;

static void column_init(Column *col) {
    col->items = col->stack;
    col->len = 0;
    col->cap = STACK_ITEMS;
}

static void column_release(Column *col) {
    for (Py_ssize_t k = 0; k < col->len; ++k) {
        Py_DECREF(col->items[k]);
    }
    if (col->items != col->stack) {
        PyMem_Free(col->items);
    }
    col->items = col->stack;
    col->len = 0;
}

/* Push ``item`` (a new reference, or NULL for a failure already raised). */
static inline int column_push(Column *col, PyObject *item) {
    if (item == NULL) {
        return -1;
    }
    if (col->len == col->cap) {
        Py_ssize_t cap = col->cap * 2;
        PyObject **grown;
        if (col->items == col->stack) {
            grown = PyMem_Malloc((size_t)cap * sizeof(PyObject *));
            if (grown != NULL) {
                memcpy(grown, col->stack, (size_t)col->len * sizeof(PyObject *));
            }
        } else {
            grown = PyMem_Realloc(col->items, (size_t)cap * sizeof(PyObject *));
        }
        if (grown == NULL) {
            Py_DECREF(item);
            PyErr_NoMemory();
            return -1;
        }
        col->items = grown;
        col->cap = cap;
    }
    col->items[col->len++] = item;
    return 0;
}

/* The column as a new list (its references move into it); NULL on failure. */
static PyObject *column_list(Column *col) {
    PyObject *list = PyList_New(col->len);
    if (list == NULL) {
        return NULL;
    }
    for (Py_ssize_t k = 0; k < col->len; ++k) {
        PyList_SET_ITEM(list, k, col->items[k]);
    }
    if (col->items != col->stack) {
        PyMem_Free(col->items);
    }
    col->items = col->stack;
    col->len = 0;
    return list;
}

/* Offsets as int objects: one shared object per offset below OFFSET_OBJECTS, made on
 * first use and kept for the life of the process (a token ends within a few thousand
 * characters of its paragraph's start: making and freeing an int for each was a tenth
 * of the cost of a token). */
#define OFFSET_OBJECTS 4096
static PyObject *offset_objects[OFFSET_OBJECTS];

static inline PyObject *offset_object(Py_ssize_t e) {
    if (e >= OFFSET_OBJECTS) {
        return PyLong_FromSsize_t(e);
    }
    if (offset_objects[e] == NULL) {
        offset_objects[e] = PyLong_FromSsize_t(e);
        if (offset_objects[e] == NULL) {
            return NULL;
        }
    }
    return Py_NewRef(offset_objects[e]);
}

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
    Py_ssize_t prev_end = 0, i = 0, count = 0;
    while (i < n) {
        uint64_t hash;
        Py_ssize_t e = token_end(kind, data, n, i, &hash);
        if (e < 0) {
            ++i;
            continue;
        }
        Slot *slot = lookup(lex, table, text, kind, data, i, e, (Py_uhash_t)hash, bits,
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
        prev_end = i = e;
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
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT,
    "_speedups",
    "The importer's tokenizer in C (optional; tokens.py falls back to pure Python).",
    -1,
    speedups_methods,
};

PyMODINIT_FUNC PyInit__speedups(void) {
    for (Py_UCS4 c = 0; c < 128; ++c) {
        ascii_class[c] = (Py_UNICODE_ISALNUM(c) ? C_ALNUM : 0)
                         | (Py_UNICODE_ISDECIMAL(c) ? C_DECIMAL : 0)
                         | (Py_UNICODE_ISSPACE(c) ? C_SPACE : 0);
    }
    PyObject *m = PyModule_Create(&speedups_module);
    if (m != NULL && PyModule_AddStringConstant(m, "SOURCE_SHA256", READER_SOURCE_SHA256) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
