/* Counting a text's words in word lists: language_detection's count in C. Part of
 * _speedups.c (included once, into its one translation unit; the module's
 * SOURCE_SHA256 covers this file too).
 *
 * Detection counts the stop words of each language among the words of an article's
 * first 2,000 characters: the words are the runs of _WORD ([^\W\d_]+, letters here as
 * in the tokenizer: is_letter), each lowered as str.lower lowers it. In Python that was
 * a twentieth of an import, although every step was a C call: the cost was a string
 * and a lookup per word and language, through the interpreter.
 * tests/importer/test_speedups_words.py compares this with the plain Python count.
 */
#ifndef READER_SPEEDUPS_WORDS_H
#define READER_SPEEDUPS_WORDS_H

/* Longest ASCII word lowered on the stack (a longer one is lowered by str.lower). */
#define SHORT_WORD 64

/* The word text[i:e], lowered as str.lower lowers it (a new reference). */
static PyObject *lowered_word(PyObject *text, int kind, const void *data, Py_ssize_t i,
                              Py_ssize_t e) {
    if (e - i <= SHORT_WORD) {
        Py_UCS1 low[SHORT_WORD];
        Py_ssize_t k = 0;
        for (; k < e - i; ++k) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i + k);
            if (c >= 128) {
                break;
            }
            low[k] = (Py_UCS1)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        if (k == e - i) { /* all ASCII: str.lower maps A-Z to a-z and nothing else */
            return PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, low, k);
        }
    }
    PyObject *word = PyUnicode_Substring(text, i, e);
    if (word == NULL) {
        return NULL;
    }
    PyObject *lowered = PyObject_CallMethod(word, "lower", NULL);
    Py_DECREF(word);
    return lowered;
}

/* -- the lists' ASCII words, in a table of their own ---------------------------------
 *
 * Nearly every word of a head is ASCII, and so is every stop word: such a word is
 * looked up by its bytes in a small open-addressing table of the lists' ASCII words
 * (with a bit per list that holds it), with no string made for it. The table is made
 * for one tuple of frozen sets (immutable: it never goes stale) and kept, with a
 * reference to the tuple, until another tuple is given.
 */
#define STOP_TEXT 24 /* longest word the table holds (longer ones: no table) */

typedef struct {
    uint64_t hash;
    uint64_t lists; /* a bit per list holding the word; 0: an empty entry */
    Py_ssize_t len;
    char text[STOP_TEXT];
} StopWord;

static struct {
    PyObject *lists;    /* the tuple the table was made for (held), or NULL */
    StopWord *entries;  /* mask + 1 of them */
    size_t mask;
    Py_ssize_t longest; /* the longest ASCII word in the lists */
} stops;

static inline uint64_t bytes_hash(const char *text, Py_ssize_t len) {
    uint64_t h = FNV_OFFSET;
    for (Py_ssize_t k = 0; k < len; ++k) {
        h = (h ^ (unsigned char)text[k]) * FNV_PRIME;
    }
    return h;
}

static StopWord *stop_slot(StopWord *entries, size_t mask, const char *text, Py_ssize_t len,
                           uint64_t hash) {
    for (size_t at = hash & mask;; at = (at + 1) & mask) {
        StopWord *entry = &entries[at];
        if (entry->lists == 0
            || (entry->hash == hash && entry->len == len && memcmp(entry->text, text, len) == 0)) {
            return entry;
        }
    }
}

/* Make the table for ``lists`` (a tuple of sets); 0 when it cannot have one (a list
 * that is no frozen set, too many lists, a long ASCII word), -1 on error. */
static int stops_for(PyObject *lists) {
    if (stops.lists == lists) {
        return stops.entries != NULL;
    }
    Py_ssize_t m = PyTuple_GET_SIZE(lists), words = 0;
    for (Py_ssize_t l = 0; l < m; ++l) {
        PyObject *set = PyTuple_GET_ITEM(lists, l);
        if (!PyFrozenSet_CheckExact(set)) {
            return 0;
        }
        words += PySet_GET_SIZE(set);
    }
    if (m > 64) {
        return 0;
    }
    size_t size = 16;
    while (size < (size_t)words * 2) {
        size *= 2;
    }
    StopWord *entries = PyMem_Calloc(size, sizeof(StopWord));
    if (entries == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t longest = 0;
    for (Py_ssize_t l = 0; l < m; ++l) {
        PyObject *iterator = PyObject_GetIter(PyTuple_GET_ITEM(lists, l)), *item;
        if (iterator == NULL) {
            PyMem_Free(entries);
            return -1;
        }
        while ((item = PyIter_Next(iterator)) != NULL) {
            Py_DECREF(item); /* (the frozen set holds it) */
            if (!PyUnicode_CheckExact(item) || !PyUnicode_IS_ASCII(item)) {
                continue; /* (matched the slow way: no ASCII word equals it) */
            }
            Py_ssize_t len = PyUnicode_GET_LENGTH(item);
            if (len > STOP_TEXT) {
                Py_DECREF(iterator);
                PyMem_Free(entries);
                return 0;
            }
            const char *text = (const char *)PyUnicode_1BYTE_DATA(item);
            uint64_t hash = bytes_hash(text, len);
            StopWord *entry = stop_slot(entries, size - 1, text, len, hash);
            if (entry->lists == 0) {
                entry->hash = hash;
                entry->len = len;
                memcpy(entry->text, text, (size_t)len);
            }
            entry->lists |= 1ULL << l;
            longest = len > longest ? len : longest;
        }
        Py_DECREF(iterator);
        if (PyErr_Occurred()) {
            PyMem_Free(entries);
            return -1;
        }
    }
    PyMem_Free(stops.entries);
    Py_XSETREF(stops.lists, Py_NewRef(lists));
    stops.entries = entries;
    stops.mask = size - 1;
    stops.longest = longest;
    return 1;
}

/* Count the word text[i:e] through the table if it is ASCII (1), else leave it (0). */
static inline int ascii_word_counted(int kind, const void *data, Py_ssize_t i, Py_ssize_t e,
                                     Py_ssize_t *counts, Py_ssize_t m) {
    char low[STOP_TEXT];
    Py_ssize_t len = e - i;
    for (Py_ssize_t k = 0; k < len; ++k) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i + k);
        if (c >= 128) {
            return 0;
        }
        if (k < STOP_TEXT) {
            low[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }
    if (len > stops.longest) {
        return 1; /* longer than every ASCII word of the lists: in none */
    }
    StopWord *entry = stop_slot(stops.entries, stops.mask, low, len, bytes_hash(low, len));
    for (Py_ssize_t l = 0; l < m; ++l) {
        counts[l] += (entry->lists >> l) & 1;
    }
    return 1;
}

PyDoc_STRVAR(count_words_doc,
"count_words(text, lists) -> list of int\n\n"
"For each set of ``lists``, how many of the words of ``text`` (the runs of letters,\n"
"[^\\W\\d_]+, each lowered with str.lower) it holds.");

static PyObject *count_words(PyObject *Py_UNUSED(module), PyObject *const *args,
                             Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "count_words() takes a str and a tuple of sets");
        return NULL;
    }
    PyObject *text = args[0], *lists = args[1];
    Py_ssize_t m = PyTuple_GET_SIZE(lists);
    for (Py_ssize_t l = 0; l < m; ++l) {
        if (!PyAnySet_Check(PyTuple_GET_ITEM(lists, l))) {
            PyErr_SetString(PyExc_TypeError, "count_words() takes a tuple of sets");
            return NULL;
        }
    }
    Py_ssize_t *counts = PyMem_Calloc((size_t)(m > 0 ? m : 1), sizeof(Py_ssize_t));
    if (counts == NULL) {
        return PyErr_NoMemory();
    }
    int table = stops_for(lists);
    if (table < 0) {
        PyMem_Free(counts);
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t i = 0;
    while (i < n) {
        if (!is_letter(PyUnicode_READ(kind, data, i))) {
            ++i;
            continue;
        }
        Py_ssize_t e = i + 1;
        while (e < n && is_letter(PyUnicode_READ(kind, data, e))) {
            ++e;
        }
        if (table && ascii_word_counted(kind, data, i, e, counts, m)) {
            i = e;
            continue;
        }
        PyObject *word = lowered_word(text, kind, data, i, e);
        if (word == NULL) {
            PyMem_Free(counts);
            return NULL;
        }
        for (Py_ssize_t l = 0; l < m; ++l) {
            int held = PySet_Contains(PyTuple_GET_ITEM(lists, l), word);
            if (held < 0) {
                Py_DECREF(word);
                PyMem_Free(counts);
                return NULL;
            }
            counts[l] += held;
        }
        Py_DECREF(word);
        i = e;
    }
    PyObject *result = PyList_New(m);
    for (Py_ssize_t l = 0; result != NULL && l < m; ++l) {
        PyObject *count = PyLong_FromSsize_t(counts[l]);
        if (count == NULL) {
            Py_CLEAR(result);
            break;
        }
        PyList_SET_ITEM(result, l, count);
    }
    PyMem_Free(counts);
    return result;
}

#endif
