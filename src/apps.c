/* apps.c: being written */
