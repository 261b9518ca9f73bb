/* out_csv.c: being written */
