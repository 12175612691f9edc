/* Reading a pasted text as lines: formats.text.read_lines in C. Part of _speedups.c
 * (included once, into its one translation unit; the module's SOURCE_SHA256 covers
 * this file too).
 *
 * The importer's first pass cuts the text at newlines, drops blank lines and folds the
 * whitespace of each other line to single spaces. Nearly every line is already folded
 * (printable, no double space, no space at either end: the only printable whitespace is
 * the space), and in Python asking each line that was a thirtieth of an import; here
 * one pass over the characters answers for every line, and only a line that needs
 * folding is folded (by str.split and str.join, as in Python).
 * tests/importer/test_lines.py holds both to " ".join(line.split()).
 */
#ifndef READER_SPEEDUPS_LINES_H
#define READER_SPEEDUPS_LINES_H

/* " ".join(line.split()) of text[a:b] (a new reference). */
static PyObject *folded_line(PyObject *text, Py_ssize_t a, Py_ssize_t b) {
    PyObject *line = PyUnicode_Substring(text, a, b);
    if (line == NULL) {
        return NULL;
    }
    PyObject *parts = PyUnicode_Split(line, NULL, -1);
    Py_DECREF(line);
    if (parts == NULL) {
        return NULL;
    }
    PyObject *space = PyUnicode_FromOrdinal(' ');
    PyObject *joined = space == NULL ? NULL : PyUnicode_Join(space, parts);
    Py_XDECREF(space);
    Py_DECREF(parts);
    return joined;
}

PyDoc_STRVAR(read_lines_doc,
"read_lines(text) -> list of str\n\n"
"The non-blank lines of ``text`` (cut at \"\\n\"), each with its whitespace folded to\n"
"single spaces: formats.text.read_lines.");

static PyObject *read_lines(PyObject *Py_UNUSED(module), PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "read_lines() takes a str");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *lines = PyList_New(0);
    if (lines == NULL) {
        return NULL;
    }
    Py_ssize_t a = 0;
    while (a <= n) {
        /* the line text[a:b], and what folding it would change */
        int blank = 1, folded = 1;
        Py_UCS4 before = ' '; /* (a space before the first character: none may lead) */
        Py_ssize_t b = a;
        for (; b < n; ++b) {
            Py_UCS4 c = PyUnicode_READ(kind, data, b);
            if (c == '\n') {
                break;
            }
            if (c == ' ') {
                folded = folded && before != ' ';
            } else if (c < 128 ? (c < 0x20 || c == 0x7f) : !Py_UNICODE_ISPRINTABLE(c)) {
                folded = 0; /* (other whitespace is never printable) */
                blank = blank && Py_UNICODE_ISSPACE(c);
            } else {
                blank = 0;
            }
            before = c;
        }
        if (!blank) {
            PyObject *line = folded && before != ' ' ? PyUnicode_Substring(text, a, b)
                                                     : folded_line(text, a, b);
            if (line == NULL || PyList_Append(lines, line) < 0) {
                Py_XDECREF(line);
                Py_DECREF(lines);
                return NULL;
            }
            Py_DECREF(line);
        }
        a = b + 1;
    }
    return lines;
}

#endif
