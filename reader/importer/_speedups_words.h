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
