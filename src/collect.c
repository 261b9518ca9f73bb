/* collect.c: being written */
