/* atomicfile.c: being written */
