/* sessionlog.c: being written */
