package io.starling.node.transfer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data port: serves the files of the parts under {@code tablesRoot} ({@code <tableId>/<partName>/<file>}) to
 * other nodes, zero-copy from an offset (so an interrupted transfer resumes), at most {@code maxTransfers} at a
 * time (more answer BUSY). Only part directories are served, never tmp_ or detached ones. See
 * {@link DataPortProtocol}. Control messages stay on Artery; this port only moves bytes.
 *
 * <p>Threading: Netty event loops; file opens are short and sequential per connection. A part deleted after its
 * file was opened is still sent whole (POSIX keeps an open file readable).
 */
public final class DataPortServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataPortServer.class);
    private static final int IDLE_SECONDS = 60;

    private final Path tablesRoot;
    private final Semaphore transfers;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    private DataPortServer(Path tablesRoot, int maxTransfers, String host, int port) throws InterruptedException {
        this.tablesRoot = tablesRoot.toAbsolutePath().normalize();
        this.transfers = new Semaphore(maxTransfers);
        this.boss = new NioEventLoopGroup(1);
        this.workers = new NioEventLoopGroup(2);
        try {
            this.channel = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                                    .addLast(new LineBasedFrameDecoder(DataPortProtocol.MAX_REQUEST_LINE))
                                    .addLast(new StringDecoder(StandardCharsets.UTF_8))
                                    .addLast(new RequestHandler());
                        }
                    })
                    .bind(host, port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Starts serving {@code tablesRoot} on {@code host:port} (0 picks a free port). */
    public static DataPortServer start(Path tablesRoot, String host, int port, int maxTransfers) {
        try {
            return new DataPortServer(tablesRoot, maxTransfers, host, port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding the data port", e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private final class RequestHandler extends SimpleChannelInboundHandler<String> {
        private boolean answered;

        @Override
        protected void channelRead0(ChannelHandlerContext context, String line) {
            if (answered) {
                return;
            }
            answered = true;
            DataPortProtocol.Request request;
            try {
                request = DataPortProtocol.parse(line);
            } catch (IllegalArgumentException e) {
                fail(context, DataPortProtocol.ERROR, e.getMessage());
                return;
            }
            if (request.partName().startsWith("tmp") || request.partName().equals("detached")) {
                fail(context, DataPortProtocol.NOT_FOUND, "Part [" + request.partName() + "] is not served");
                return;
            }
            Path file = tablesRoot.resolve(request.tableId()).resolve(request.partName()).resolve(request.fileName());
            if (!Files.isRegularFile(file)) {
                fail(context, DataPortProtocol.NOT_FOUND, "File [" + request.fileName() + "] of part ["
                        + request.partName() + "] of table [" + request.tableId() + "] is not on this node");
                return;
            }
            if (!transfers.tryAcquire()) {
                fail(context, DataPortProtocol.BUSY, "The data port is busy; retry later or fetch from another replica");
                return;
            }
            send(context, file, request.offset());
        }

        private void send(ChannelHandlerContext context, Path file, long offset) {
            RandomAccessFile open;
            long length;
            try {
                open = new RandomAccessFile(file.toFile(), "r");
                length = Math.max(0, open.length() - offset);
            } catch (IOException e) {
                transfers.release();
                fail(context, DataPortProtocol.NOT_FOUND, "File [" + file.getFileName() + "] cannot be read: " + e);
                return;
            }
            ByteBuf header = context.alloc().buffer(DataPortProtocol.HEADER_BYTES);
            header.writeByte(DataPortProtocol.OK).writeLong(length);
            context.write(header);
            context.writeAndFlush(new DefaultFileRegion(open.getChannel(), Math.min(offset, offset + length), length))
                    .addListener(future -> {
                        transfers.release();
                        try {
                            open.close();
                        } catch (IOException ignored) {
                            // The region released the channel already.
                        }
                        if (!future.isSuccess()) {
                            LOG.debug("Sending [{}] failed: {}", file, future.cause().toString());
                        }
                    })
                    .addListener(ChannelFutureListener.CLOSE);
        }

        private void fail(ChannelHandlerContext context, byte status, String message) {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            ByteBuf reply = context.alloc().buffer(DataPortProtocol.HEADER_BYTES + bytes.length);
            reply.writeByte(status).writeLong(bytes.length).writeBytes(bytes);
            context.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            LOG.debug("Data port connection failed: {}", cause.toString());
            context.close();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) {
            context.close();
        }
    }
}
