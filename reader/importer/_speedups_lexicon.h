/* The C tokenizer's word lexicon: every distinct word seen, with its flags. Part of
 * _speedups.c (included once, into its one translation unit; the module's
 * SOURCE_SHA256 covers this file too). */
#ifndef READER_SPEEDUPS_LEXICON_H
#define READER_SPEEDUPS_LEXICON_H

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

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch(address)
#else
#define PREFETCH(address) ((void)(address))
#endif

/* Ask for the first slot a word of ``hash`` is looked for in (a hint only). */
static inline void prefetch_slot(const Lexicon *lex, uint64_t hash) {
    PREFETCH(&lex->slots[(Py_uhash_t)hash & lex->mask]);
}

/* Ask for the word in that slot, if there is one (its slot asked for earlier). */
static inline void prefetch_word(const Lexicon *lex, uint64_t hash) {
    PyObject *word = lex->slots[(Py_uhash_t)hash & lex->mask].word;
    if (word != NULL) {
        PREFETCH(word);
    }
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

#endif
