/* shinyconf.c: being written */
