/* out_chart.c: being written */
