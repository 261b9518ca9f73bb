/* fleet.c: being written */
