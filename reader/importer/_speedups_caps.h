/* What an article's capitalised words say about names, gathered in one pass over their
 * tokens: names.gather_in_python without the interpreter in the loop. Part of
 * _speedups.c (included once, into its one translation unit; the module's
 * SOURCE_SHA256 covers this file too).
 *
 * NameRules asks every capitalised word of an article (some 45,000 on the benchmark
 * set) about the tokens on either side of it; in Python that pass was a twentieth of
 * an import although each step was a bit test or a set lookup. The answers go into
 * the containers the caller passes in, exactly as the Python pass fills them
 * (tests/importer/test_speedups_caps.py compares the two on generated articles).
 */
#ifndef READER_SPEEDUPS_CAPS_H
#define READER_SPEEDUPS_CAPS_H

/* Which of the flags bits given to cap_stats() is which. */
enum { B_ALL_CAPS, B_CAPWORD, B_POST_CUE, B_PLACE_PREPOSITION, B_SENTENCE_OPENER, B_SPEECH,
       CAP_BITS };

static PyObject *str_words, *str_flags, *str_caps; /* attribute names, made at import */

/* The flags of token ``k`` of ``flags`` (a list of ints); -1 with an error set. */
static inline int flags_at(PyObject *flags, Py_ssize_t k, unsigned long long *out) {
    PyObject *item = PyList_GET_ITEM(flags, k);
    if (!PyLong_CheckExact(item)) { /* (an int subclass could run code, and change lists) */
        PyErr_SetString(PyExc_TypeError, "cap_stats() takes tokens whose flags are int");
        return -1;
    }
    unsigned long long value = PyLong_AsUnsignedLongLong(item);
    if (value == (unsigned long long)-1 && PyErr_Occurred()) {
        return -1;
    }
    *out = value;
    return 0;
}

/* Token ``k`` of ``words`` (borrowed), a str (no subclass: hashing one runs no code). */
static inline PyObject *word_at(PyObject *words, Py_ssize_t k) {
    PyObject *word = PyList_GET_ITEM(words, k);
    if (!PyUnicode_CheckExact(word)) {
        PyErr_SetString(PyExc_TypeError, "cap_stats() takes tokens whose words are str");
        return NULL;
    }
    return word;
}

/* Is ``word`` ".", "!" or "?" (what ends a sentence)? */
static inline int full_stop(PyObject *word) {
    if (PyUnicode_GET_LENGTH(word) != 1) {
        return 0;
    }
    Py_UCS4 c = PyUnicode_READ_CHAR(word, 0);
    return c == '.' || c == '!' || c == '?';
}

static int count_word(PyObject *counts, PyObject *word) {
    PyObject *old = PyDict_GetItemWithError(counts, word);
    if (old == NULL && PyErr_Occurred()) {
        return -1;
    }
    if (old != NULL && !PyLong_CheckExact(old)) {
        PyErr_SetString(PyExc_TypeError, "cap_stats() takes a dict of int counts");
        return -1;
    }
    long before = old == NULL ? 0 : PyLong_AsLong(old);
    if (before == -1 && PyErr_Occurred()) {
        return -1;
    }
    PyObject *after = PyLong_FromLong(before + 1);
    if (after == NULL) {
        return -1;
    }
    int failed = PyDict_SetItem(counts, word, after);
    Py_DECREF(after);
    return failed;
}

/* follows.setdefault(word, set()).add(next). The set is held while it is added to:
 * comparing with the keys already in a set or dict can run Python code (a key that is
 * no str), which could take it out of the dict. */
static int add_follower(PyObject *follows, PyObject *word, PyObject *next) {
    PyObject *set = PyDict_GetItemWithError(follows, word);
    if (set == NULL) {
        if (PyErr_Occurred()) {
            return -1;
        }
        set = PySet_New(NULL);
        if (set == NULL || PyDict_SetItem(follows, word, set) < 0) {
            Py_XDECREF(set);
            return -1;
        }
    } else if (!PySet_CheckExact(set)) {
        PyErr_SetString(PyExc_TypeError, "cap_stats() takes a dict of sets for followers");
        return -1;
    } else {
        Py_INCREF(set);
    }
    int failed = PySet_Add(set, next);
    Py_DECREF(set);
    return failed;
}

/* What the capitalised word ``word`` (token k of n) says. ``word`` is held by the
 * caller: adding to or asking the containers compares with their keys, which can run
 * Python code (a key that is no str) that could change the paragraph's lists. */
static int cap_word_stats(Py_ssize_t b, Py_ssize_t k, PyObject *word, unsigned long long prev,
                          unsigned long long next, unsigned long long here, int in_sentence,
                          const unsigned long long bits[CAP_BITS], PyObject *const *out,
                          PyObject *follower) {
    PyObject *places = out[0], *counts = out[1], *follows = out[2], *cued = out[3];
    PyObject *inside = out[4], *speakers = out[5], *known = out[6], *placed = out[7];
    if ((here & bits[B_ALL_CAPS]) && count_word(counts, word) < 0) {
        return -1;
    }
    if (follower != NULL && add_follower(follows, word, follower) < 0) {
        return -1;
    }
    if ((prev & bits[B_POST_CUE]) && PySet_Add(cued, word) < 0) {
        return -1;
    }
    if ((prev & bits[B_PLACE_PREPOSITION]) && !(next & bits[B_CAPWORD])) {
        PyObject *at = Py_BuildValue("(nn)", b, k);
        if (at == NULL || PyList_Append(placed, at) < 0) {
            Py_XDECREF(at);
            return -1;
        }
        Py_DECREF(at);
    }
    if (in_sentence && PySet_Add(inside, word) < 0) {
        return -1;
    }
    if ((next & bits[B_SPEECH]) == bits[B_SPEECH] && !(prev & bits[B_CAPWORD])
        && PySet_Add(speakers, word) < 0) {
        return -1;
    }
    int place = PySet_Contains(places, word);
    if (place < 0 || (place && PySet_Add(known, word) < 0)) {
        return -1;
    }
    return 0;
}

/* The capitalised words of one paragraph, b (words, flags, caps: exact lists, held by
 * the caller). Their sizes are read afresh for each word, and the words taken from them
 * are held while in use (see cap_word_stats). */
static int paragraph_stats(Py_ssize_t b, PyObject *words, PyObject *flags, PyObject *caps,
                           const unsigned long long bits[CAP_BITS], PyObject *const *out) {
    if (PyList_GET_SIZE(flags) != PyList_GET_SIZE(words)) {
        PyErr_SetString(PyExc_ValueError, "cap_stats() takes as many flags as words");
        return -1;
    }
    for (Py_ssize_t c = 0; c < PyList_GET_SIZE(caps); ++c) {
        Py_ssize_t n = PyList_GET_SIZE(words);
        if (PyList_GET_SIZE(flags) != n) {
            PyErr_SetString(PyExc_ValueError, "cap_stats() takes as many flags as words");
            return -1;
        }
        PyObject *index = PyList_GET_ITEM(caps, c);
        if (!PyLong_CheckExact(index)) {
            PyErr_SetString(PyExc_TypeError, "cap_stats() takes int capitalised indexes");
            return -1;
        }
        Py_ssize_t k = PyLong_AsSsize_t(index);
        if (k == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (k < 0 || k >= n) {
            PyErr_SetString(PyExc_IndexError, "cap_stats(): a capitalised index out of range");
            return -1;
        }
        unsigned long long here, next = 0, prev = 0;
        PyObject *word = word_at(words, k);
        if (word == NULL || flags_at(flags, k, &here) < 0
            || (k + 1 < n && flags_at(flags, k + 1, &next) < 0)
            || (k > 0 && flags_at(flags, k - 1, &prev) < 0)) {
            return -1;
        }
        PyObject *follower = NULL;
        if (next & bits[B_CAPWORD]) {
            follower = word_at(words, k + 1);
            if (follower == NULL) {
                return -1;
            }
        }
        int in_sentence = k > 0;
        if (prev & bits[B_SENTENCE_OPENER]) {
            PyObject *before = word_at(words, k - 1);
            if (before == NULL) {
                return -1;
            }
            in_sentence = !full_stop(before);
        }
        Py_INCREF(word);
        Py_XINCREF(follower);
        int failed = cap_word_stats(b, k, word, prev, next, here, in_sentence, bits, out, follower);
        Py_DECREF(word);
        Py_XDECREF(follower);
        if (failed < 0) {
            return -1;
        }
    }
    return 0;
}

PyDoc_STRVAR(cap_stats_doc,
"cap_stats(paragraphs, bits, places, counts, follows, cued, inside, speakers, known,\n"
"          placed) -> None\n\n"
"names.gather_in_python in C: the capitalised words of ``paragraphs`` (tokens.Tokens),\n"
"counted, linked to the capitalised word after them, and sorted into the sets given.\n"
"``bits`` is (ALL_CAPS, CAPWORD, POST_CUE, PLACE_PREPOSITION, SENTENCE_OPENER, PRE_CUE\n"
"| WORD); ``places`` a set asked only; ``counts`` and ``follows`` dicts, ``cued``,\n"
"``inside``, ``speakers`` and ``known`` sets, and ``placed`` a list of (paragraph,\n"
"index) pairs, all filled.");

static PyObject *cap_stats(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 10) {
        PyErr_Format(PyExc_TypeError, "cap_stats() takes 10 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *paragraphs = args[0], *bit_tuple = args[1];
    if (!PyList_CheckExact(paragraphs) || !PyTuple_Check(bit_tuple)
        || PyTuple_GET_SIZE(bit_tuple) != CAP_BITS || !PyAnySet_Check(args[2])
        || !PyDict_CheckExact(args[3]) || !PyDict_CheckExact(args[4])
        || !PySet_CheckExact(args[5]) || !PySet_CheckExact(args[6])
        || !PySet_CheckExact(args[7]) || !PySet_CheckExact(args[8])
        || !PyList_CheckExact(args[9])) {
        PyErr_SetString(PyExc_TypeError,
                        "cap_stats() takes a list, a tuple of 6 bits, a set, two dicts, "
                        "four sets and a list");
        return NULL;
    }
    unsigned long long bits[CAP_BITS];
    for (int b = 0; b < CAP_BITS; ++b) {
        bits[b] = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(bit_tuple, b));
        if (bits[b] == (unsigned long long)-1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    for (Py_ssize_t b = 0; b < PyList_GET_SIZE(paragraphs); ++b) {
        /* Held for the loop body: getting an attribute can run Python code, which could
         * take the paragraph out of the list (and drop its last reference). */
        PyObject *para = Py_NewRef(PyList_GET_ITEM(paragraphs, b));
        PyObject *words = PyObject_GetAttr(para, str_words);
        PyObject *flags = words == NULL ? NULL : PyObject_GetAttr(para, str_flags);
        PyObject *caps = flags == NULL ? NULL : PyObject_GetAttr(para, str_caps);
        int failed = caps == NULL;
        if (!failed && !(PyList_CheckExact(words) && PyList_CheckExact(flags)
                         && PyList_CheckExact(caps))) {
            PyErr_SetString(PyExc_TypeError, "cap_stats() takes tokens of three lists");
            failed = 1;
        }
        if (!failed) {
            failed = paragraph_stats(b, words, flags, caps, bits, args + 2) < 0;
        }
        Py_XDECREF(words);
        Py_XDECREF(flags);
        Py_XDECREF(caps);
        Py_DECREF(para);
        if (failed) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

static int caps_init(void) {
    str_words = PyUnicode_InternFromString("words");
    str_flags = PyUnicode_InternFromString("flags");
    str_caps = PyUnicode_InternFromString("caps");
    return str_words && str_flags && str_caps ? 0 : -1;
}

#endif
