/* tz.c: being written */
