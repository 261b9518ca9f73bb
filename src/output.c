/* output.c: being written */
