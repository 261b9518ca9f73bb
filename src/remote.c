/* remote.c: being written */
