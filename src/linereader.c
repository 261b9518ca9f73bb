/* linereader.c: being written */
