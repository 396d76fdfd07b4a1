    return Module;
  });
  return initSqlJsPromise;
}
