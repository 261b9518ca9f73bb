/* knownhosts.c: being written */
