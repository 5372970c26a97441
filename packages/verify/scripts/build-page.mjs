console.log("page build: not yet");
