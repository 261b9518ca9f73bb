/* discovery.c: being written */
