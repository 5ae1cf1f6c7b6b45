package io.tributary.reliability;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/** A class that records when it is deserialized: sent in an ObjectMessage, it must never be read. */
public final class Trap implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Set by {@link #readObject}: true means some code deserialized a message body. */
    static volatile boolean sprung;

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        sprung = true;
    }
}
