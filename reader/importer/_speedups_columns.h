/* The C tokenizer's columns: token texts, ends, flags and capitalised indexes, filled
 * in C arrays and made lists once. Part of _speedups.c (included once, into its one
 * translation unit; the module's SOURCE_SHA256 covers this file too). */
#ifndef READER_SPEEDUPS_COLUMNS_H
#define READER_SPEEDUPS_COLUMNS_H

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

#endif
