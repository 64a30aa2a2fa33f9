// The tests write the program of each scenario here.
export {};
